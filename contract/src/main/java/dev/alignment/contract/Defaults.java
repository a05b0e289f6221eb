package dev.alignment.contract;

/** Every default of the contract: the operator fills these in, so each config states the values it ran with. */
public final class Defaults {
  public static final int CHECKPOINT_EVERY = 50;
  public static final int METRICS_PORT = 9400;
  /** Where the Split PPO critic serves the actor. */
  public static final int CRITIC_PORT = 8080;
  /** TRL's default: gradients' global L2 norm is clipped to this before each Adam step (0 turns clipping off). */
  public static final double MAX_GRAD_NORM = 1.0;
  public static final long SEED = 0L;
  /** The region s3:// requests are signed for when the stage's environment sets neither AWS_REGION nor AWS_DEFAULT_REGION. */
  public static final String S3_REGION = "us-east-1";

  public static final double VALIDATION_FRACTION = 0.1;
  public static final String PROMPT_FIELD = "prompt";
  public static final String CHOSEN_FIELD = "chosen";
  public static final String REJECTED_FIELD = "rejected";
  /**
   * The model a stage starts from when the resource names none: a fresh tiny transformer. A model uri may also be
   * builtin://small, builtin://gpt2-tiny or builtin://gpt2-small (Hugging Face GPT-2 architecture presets, trained
   * from scratch and saved as Hugging Face directories) or file:///workspace/... (a saved model, or a Hugging Face
   * model directory: config.json, safetensors weights, tokenizer.json).
   */
  public static final String MODEL = "builtin://tiny";
  public static final String TOKENIZER = "builtin://words";
  /** What a stage does with a sequence longer than the model's maxLength. */
  public static final Overlong OVERLONG = Overlong.truncate;
  public static final String PROMPTS = "builtin://sentiment/prompts";
  public static final double ANNOTATOR_NOISE = 0.0;
  /** The largest body a trainer reads from an http(s) URI when the config sets no policy: 4 GiB. */
  public static final long HTTP_MAX_BYTES = 4L << 30;

  public static final int SFT_STEPS = 300;
  public static final int SFT_BATCH_SIZE = 32;
  public static final double SFT_LEARNING_RATE = 1e-3;

  public static final int REWARD_STEPS = 300;
  public static final int REWARD_BATCH_SIZE = 32;
  public static final double REWARD_LEARNING_RATE = 1e-3;

  public static final int PREFERENCE_STEPS = 200;
  public static final int PREFERENCE_BATCH_SIZE = 32;
  public static final double PREFERENCE_LEARNING_RATE = 5e-4;
  public static final double BETA = 0.1;
  public static final double LABEL_SMOOTHING = 0.0;

  public static final int EVAL_SAMPLES = 256;
  public static final int BEST_OF_N = 8;
  public static final int BEST_OF_N_SAMPLES = 256;

  /** LoRA's defaults are PEFT's LoraConfig's; the output is a plain Hugging Face directory. */
  public static final int LORA_RANK = 8;
  public static final double LORA_ALPHA = 8;
  public static final double LORA_DROPOUT = 0.0;
  public static final LoraOutput LORA_OUTPUT = LoraOutput.merged;

  public static final double PPO_KL_COEF = 0.05;
  public static final double PPO_KL_HORIZON = 10000;
  /** The log-ratio estimator, TRL's default. */
  public static final PpoBlock.KlEstimator PPO_KL_ESTIMATOR = PpoBlock.KlEstimator.k1;
  public static final double PPO_CLIP_RANGE = 0.2;
  public static final double PPO_VALUE_CLIP_RANGE = 0.2;
  public static final double PPO_GAMMA = 1.0;
  public static final double PPO_LAMBDA = 0.95;
  public static final int PPO_EPOCHS = 4;
  public static final int PPO_ROLLOUT_BATCH_SIZE = 32;
  public static final int PPO_MAX_NEW_TOKENS = 16;
  public static final double PPO_TEMPERATURE = 1.0;
  public static final double PPO_PEER_TIMEOUT_SECONDS = 15;
  public static final double PPO_STARTUP_TIMEOUT_SECONDS = 300;

  private Defaults() {}
}
