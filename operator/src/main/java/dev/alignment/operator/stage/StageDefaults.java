package dev.alignment.operator.stage;

/** The operator's own defaults; the trainer configs' defaults are the contract's {@code dev.alignment.contract.Defaults}. */
public final class StageDefaults {
  public static final int MAX_RETRIES = 2;

  private StageDefaults() {}

  public static <T> T or(T value, T fallback) {
    return value != null ? value : fallback;
  }
}
