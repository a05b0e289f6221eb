package dev.alignment.operator.status;

import dev.alignment.api.v1alpha1.RewardModel;
import dev.alignment.api.v1alpha1.RewardModelPhase;
import dev.alignment.api.v1alpha1.RewardModelStatus;
import dev.alignment.api.v1alpha1.StageStatus;
import dev.alignment.contract.SummaryMetrics;
import dev.alignment.operator.stage.Outcome;
import dev.alignment.operator.stage.StagePlan;
import java.time.Instant;
import java.util.Map;

/** Builds a RewardModel's status from a stage plan (or from its import). */
public final class RewardModelStatuses {
  private RewardModelStatuses() {}

  public static RewardModelStatus from(RewardModel rm, StagePlan plan, Instant now) {
    RewardModelStatus status = base(rm);
    status.stages = plan.stages();
    status.phase = ReadyStatuses.phase(plan.outcome(), RewardModelPhase.Ready, RewardModelPhase.Failed,
        RewardModelPhase.Pending, RewardModelPhase.Training);
    status.message = Outcomes.message(plan.outcome());
    status.conditions = ReadyStatuses.readyCondition(prior(rm).conditions, plan.outcome(), status.message,
        rm.getMetadata().getGeneration(), now);
    if (plan.outcome() instanceof Outcome.Succeeded) {
      StageStatus reward = ReadyStatuses.last(plan);
      Map<String, Double> m = ReadyStatuses.metrics(reward);
      status.accuracy = m.get(SummaryMetrics.ACCURACY);
      status.validationLoss = m.get(SummaryMetrics.VALIDATION_LOSS);
      status.checkpoint = reward.output;
    }
    return status;
  }

  /** An imported checkpoint is Ready at once: there is nothing to train. */
  public static RewardModelStatus imported(RewardModel rm, String checkpoint, Instant now) {
    RewardModelStatus status = base(rm);
    status.phase = RewardModelPhase.Ready;
    status.checkpoint = checkpoint;
    status.message = "imported " + checkpoint;
    status.conditions = Conditions.set(prior(rm).conditions, Conditions.Type.Ready, true, Reasons.IMPORTED, status.message,
        rm.getMetadata().getGeneration(), now);
    return status;
  }

  private static RewardModelStatus base(RewardModel rm) {
    RewardModelStatus status = new RewardModelStatus();
    status.observedGeneration = rm.getMetadata().getGeneration();
    return status;
  }

  private static RewardModelStatus prior(RewardModel rm) {
    return rm.getStatus() == null ? new RewardModelStatus() : rm.getStatus();
  }
}
