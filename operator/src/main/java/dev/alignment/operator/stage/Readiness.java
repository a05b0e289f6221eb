package dev.alignment.operator.stage;

/**
 * Whether new stage Jobs may start: all referenced datasets and reward models are Ready, or the reason why not.
 *
 * @param reason condition reason while blocked, e.g. WaitingForPreferenceDataset; null when ready
 * @param message what is being waited for
 */
public record Readiness(String reason, String message) {
  public static final Readiness READY = new Readiness(null, null);

  public static Readiness waiting(String reason, String message) {
    return new Readiness(reason, message);
  }

  public boolean isReady() {
    return reason == null;
  }
}
