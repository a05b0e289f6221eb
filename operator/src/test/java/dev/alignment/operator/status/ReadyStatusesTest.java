package dev.alignment.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alignment.api.v1alpha1.DatasetPhase;
import dev.alignment.api.v1alpha1.PreferenceDatasetStatus;
import dev.alignment.api.v1alpha1.RewardModelPhase;
import dev.alignment.api.v1alpha1.RewardModelStatus;
import dev.alignment.api.v1alpha1.StagePhase;
import dev.alignment.api.v1alpha1.StageStatus;
import dev.alignment.contract.SummaryMetrics;
import dev.alignment.operator.Fixtures;
import dev.alignment.operator.stage.Outcome;
import dev.alignment.operator.stage.StagePlan;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Datasets and reward models are Ready once their stages succeed, with the last stage's results in status. */
class ReadyStatusesTest {
  private static final Instant T0 = Instant.parse("2026-11-29T12:00:00Z");

  @Test
  void aValidatedDatasetIsReadyWithItsCountsUriAndDigest() {
    StageStatus validate = succeeded("validate", Map.of(SummaryMetrics.TRAIN_PAIRS, 900.0,
        SummaryMetrics.VALIDATION_PAIRS, 100.0, SummaryMetrics.SKIPPED_ROWS, 2.0, "loss", 0.5));
    validate.output = "file:///workspace/team-a/prefs/validate/dataset";
    validate.digest = "sha256:ab";

    PreferenceDatasetStatus status = DatasetStatuses.from(Fixtures.readyDataset("prefs", null),
        new StagePlan(List.of(validate), List.of(), new Outcome.Succeeded()), T0);

    assertThat(status.phase).isEqualTo(DatasetPhase.Ready);
    assertThat(List.of(status.trainPairs, status.validationPairs, status.skippedRows)).containsExactly(900L, 100L, 2L);
    assertThat(status.uri).isEqualTo(validate.output);
    assertThat(status.digest).isEqualTo("sha256:ab");
    assertThat(status.conditions).singleElement().satisfies(c -> {
      assertThat(c.getType()).isEqualTo(Conditions.Type.Ready.name());
      assertThat(c.getStatus()).isEqualTo("True");
    });
  }

  @Test
  void aTrainedRewardModelIsReadyWithItsAccuracyAndCheckpoint() {
    StageStatus reward = succeeded("reward", Map.of(SummaryMetrics.ACCURACY, 0.9, SummaryMetrics.VALIDATION_LOSS, 0.3));
    reward.output = "file:///workspace/team-a/rm/reward/model";

    RewardModelStatus status = RewardModelStatuses.from(Fixtures.readyRewardModel("rm", null),
        new StagePlan(List.of(reward), List.of(), new Outcome.Succeeded()), T0);

    assertThat(status.phase).isEqualTo(RewardModelPhase.Ready);
    assertThat(status.accuracy).isEqualTo(0.9);
    assertThat(status.validationLoss).isEqualTo(0.3);
    assertThat(status.checkpoint).isEqualTo(reward.output);
  }

  @Test
  void eachOutcomeHasItsPhaseAndOnlySuccessIsReady() {
    List<Outcome> outcomes = List.of(new Outcome.Waiting(Reasons.WAITING_FOR_REWARD_MODEL, "waiting"),
        new Outcome.Running("validate", 1), new Outcome.Failed("validate", "bad input"));

    assertThat(outcomes).extracting(o -> DatasetStatuses.from(Fixtures.readyDataset("prefs", null),
            new StagePlan(List.of(), List.of(), o), T0).phase)
        .containsExactly(DatasetPhase.Pending, DatasetPhase.Validating, DatasetPhase.Failed);
    assertThat(outcomes).extracting(o -> RewardModelStatuses.from(Fixtures.readyRewardModel("rm", null),
            new StagePlan(List.of(), List.of(), o), T0).phase)
        .containsExactly(RewardModelPhase.Pending, RewardModelPhase.Training, RewardModelPhase.Failed);
    assertThat(ReadyStatuses.readyCondition(List.of(), outcomes.get(1), "running", 1L, T0))
        .singleElement().satisfies(c -> assertThat(c.getStatus()).isEqualTo("False"));
  }

  private static StageStatus succeeded(String name, Map<String, Double> metrics) {
    StageStatus s = new StageStatus();
    s.name = name;
    s.phase = StagePhase.Succeeded;
    s.metrics = metrics;
    return s;
  }
}
