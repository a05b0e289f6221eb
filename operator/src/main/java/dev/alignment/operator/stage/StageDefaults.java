package dev.alignment.operator.stage;

/** Defaults the operator fills in, so every stage config states the values it ran with (documented on the CRDs). */
public final class StageDefaults {
  public static final int CHECKPOINT_EVERY = 50;
  public static final int MAX_RETRIES = 2;
  public static final double VALIDATION_FRACTION = 0.1;
  /** TRL's default; every training stage clips its gradients' global norm to this unless the spec says otherwise. */
  public static final double MAX_GRAD_NORM = 1.0;

  public static final int SFT_STEPS = 300;
  public static final int SFT_BATCH = 32;
  public static final double SFT_LR = 1e-3;

  public static final int REWARD_STEPS = 300;
  public static final int REWARD_BATCH = 32;
  public static final double REWARD_LR = 1e-3;

  public static final int PREF_STEPS = 200;
  public static final int PREF_BATCH = 32;
  public static final double PREF_LR = 5e-4;
  public static final double BETA = 0.1;

  public static final String PROMPTS = "builtin://sentiment/prompts";
  public static final int EVAL_SAMPLES = 256;
  public static final int BEST_OF_N = 8;

  private StageDefaults() {}

  public static <T> T or(T value, T fallback) {
    return value != null ? value : fallback;
  }
}
