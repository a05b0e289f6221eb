package dev.alignment.operator.status;

import dev.alignment.api.v1alpha1.DatasetPhase;
import dev.alignment.api.v1alpha1.PreferenceDataset;
import dev.alignment.api.v1alpha1.PreferenceDatasetStatus;
import dev.alignment.api.v1alpha1.StageStatus;
import dev.alignment.contract.SummaryMetrics;
import dev.alignment.operator.stage.Outcome;
import dev.alignment.operator.stage.StagePlan;
import java.time.Instant;
import java.util.Map;

/** Builds a PreferenceDataset's status from a stage plan; the validate stage's summary fills the counts. */
public final class DatasetStatuses {
  private DatasetStatuses() {}

  public static PreferenceDatasetStatus from(PreferenceDataset pds, StagePlan plan, Instant now) {
    PreferenceDatasetStatus prior = pds.getStatus() == null ? new PreferenceDatasetStatus() : pds.getStatus();
    PreferenceDatasetStatus status = new PreferenceDatasetStatus();
    Long generation = pds.getMetadata().getGeneration();
    status.observedGeneration = generation;
    status.stages = plan.stages();
    status.phase = ReadyStatuses.phase(plan.outcome(), DatasetPhase.Ready, DatasetPhase.Failed, DatasetPhase.Pending,
        DatasetPhase.Validating);
    status.message = Outcomes.message(plan.outcome());
    status.conditions = ReadyStatuses.readyCondition(prior.conditions, plan.outcome(), status.message, generation, now);
    if (plan.outcome() instanceof Outcome.Succeeded) {
      StageStatus validate = ReadyStatuses.last(plan);
      Map<String, Double> m = ReadyStatuses.metrics(validate);
      status.trainPairs = asLong(m.get(SummaryMetrics.TRAIN_PAIRS));
      status.validationPairs = asLong(m.get(SummaryMetrics.VALIDATION_PAIRS));
      status.skippedRows = asLong(m.get(SummaryMetrics.SKIPPED_ROWS));
      status.uri = validate.output;
      status.digest = validate.digest;
    }
    return status;
  }

  private static Long asLong(Double value) {
    return value == null ? null : Math.round(value);
  }
}
