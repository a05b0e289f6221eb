package dev.alignment.operator.status;

import dev.alignment.api.v1alpha1.StageStatus;
import dev.alignment.operator.stage.Outcome;
import dev.alignment.operator.stage.StagePlan;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the statuses of resources made by their stages share (PreferenceDataset, RewardModel): Ready once all succeed. */
final class ReadyStatuses {
  private ReadyStatuses() {}

  /** The resource's phase for a pipeline outcome, from its own phase enum's four values. */
  static <P> P phase(Outcome outcome, P ready, P failed, P pending, P working) {
    return switch (outcome.kind()) {
      case SUCCEEDED -> ready;
      case FAILED -> failed;
      case WAITING -> pending;
      default -> working;
    };
  }

  /** The Ready condition: true once every stage succeeded, with the outcome's reason and message. */
  static List<Condition> readyCondition(List<Condition> prior, Outcome outcome, String message, Long generation, Instant now) {
    return Conditions.set(prior, Conditions.Type.Ready, outcome instanceof Outcome.Succeeded, Outcomes.reason(outcome), message,
        generation, now);
  }

  /** The last stage, whose output is the resource. */
  static StageStatus last(StagePlan plan) {
    return plan.stages().get(plan.stages().size() - 1);
  }

  /** A stage's metrics; empty when it reported none. */
  static Map<String, Double> metrics(StageStatus stage) {
    return stage.metrics == null ? Map.of() : stage.metrics;
  }
}
