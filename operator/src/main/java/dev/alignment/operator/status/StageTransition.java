package dev.alignment.operator.status;

import dev.alignment.api.v1alpha1.StagePhase;
import dev.alignment.api.v1alpha1.StageStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What happened to one stage in one reconcile; drives Events and metrics. Several things can happen at once: a
 * failure observed after its backoff already passed is counted and retried in the same reconcile.
 *
 * @param from the phase before (Pending for a new stage)
 * @param failuresBefore failures counted before
 * @param attemptsBefore attempts started before
 * @param stage the stage's status after
 */
public record StageTransition(StagePhase from, int failuresBefore, int attemptsBefore, StageStatus stage) {

  /** A retryable failure was counted and another attempt will follow. */
  public boolean retried() {
    return orZero(stage.failures) > failuresBefore && stage.phase != StagePhase.Failed;
  }

  /** A new attempt's Job was started. */
  public boolean started() {
    return orZero(stage.attempts) > attemptsBefore;
  }

  /** The stage reached Succeeded, Failed or Suspended in this reconcile. */
  public boolean reached(StagePhase phase) {
    return from != phase && stage.phase == phase;
  }

  public static List<StageTransition> between(List<StageStatus> before, List<StageStatus> after) {
    Map<String, StageStatus> old =
        before.stream().collect(Collectors.toMap(s -> s.name, Function.identity(), (a, b) -> a));
    List<StageTransition> changes = new ArrayList<>();
    for (StageStatus now : after) {
      StageStatus was = old.get(now.name);
      StageTransition t = new StageTransition(
          was == null || was.phase == null ? StagePhase.Pending : was.phase,
          was == null ? 0 : orZero(was.failures),
          was == null ? 0 : orZero(was.attempts),
          now);
      if (t.from() != now.phase || t.retried() || t.started()) {
        changes.add(t);
      }
    }
    return changes;
  }

  private static int orZero(Integer value) {
    return value == null ? 0 : value;
  }
}
