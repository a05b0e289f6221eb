package dev.alignment.operator.stage;

import dev.alignment.api.v1alpha1.StageStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The planner's decision.
 *
 * @param stages the new status of every stage, in pipeline order
 * @param actions Jobs to create or delete
 * @param outcome where the pipeline stands
 * @param refusals creates the API server refused while carrying out the actions (empty until then)
 */
public record StagePlan(List<StageStatus> stages, List<StageAction> actions, Outcome outcome, List<RefusedCreate> refusals) {
  public StagePlan(List<StageStatus> stages, List<StageAction> actions, Outcome outcome) {
    this(stages, actions, outcome, List.of());
  }

  /** When to look again without an event: only a backoff wait needs a timed wake-up. */
  public Optional<Duration> requeueAfter() {
    return outcome instanceof Outcome.Retrying retrying ? Optional.of(retrying.after()) : Optional.empty();
  }
}
