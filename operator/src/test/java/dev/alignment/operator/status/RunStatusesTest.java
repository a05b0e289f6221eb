package dev.alignment.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alignment.api.v1alpha1.AlignmentRun;
import dev.alignment.api.v1alpha1.AlignmentRunStatus;
import dev.alignment.api.v1alpha1.RunPhase;
import dev.alignment.api.v1alpha1.StagePhase;
import dev.alignment.api.v1alpha1.StageStatus;
import dev.alignment.operator.Fixtures;
import dev.alignment.operator.stage.Outcome;
import dev.alignment.operator.stage.StagePlan;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunStatusesTest {
  private static final Instant T0 = Instant.parse("2026-11-22T12:00:00Z");
  private final AlignmentRun run = Fixtures.dpoRun("quickstart");

  @Test
  void waitingRunIsPendingAndNotProgressingWithTheWaitingReason() {
    AlignmentRunStatus status = RunStatuses.from(run,
        plan(new Outcome.Waiting(Reasons.WAITING_FOR_PREFERENCE_DATASET, "waiting for PreferenceDataset prefs"),
            stage("sft", StagePhase.Pending), stage("dpo", StagePhase.Pending), stage("eval", StagePhase.Pending)),
        "dpo", "eval", Optional.empty(), T0);

    assertThat(status.phase).isEqualTo(RunPhase.Pending);
    assertThat(condition(status, Conditions.Type.Progressing).getStatus()).isEqualTo("False");
    assertThat(condition(status, Conditions.Type.Progressing).getReason()).isEqualTo("WaitingForPreferenceDataset");
    assertThat(condition(status, Conditions.Type.Succeeded).getStatus()).isEqualTo("False");
    assertThat(status.observedGeneration).isEqualTo(1L);
  }

  @Test
  void succeededRunHasResultsModelAndTheSucceededCondition() {
    StageStatus eval = stage("eval", StagePhase.Succeeded);
    eval.metrics = Map.of("winRate", 0.8, "kl", 1.2, "goldReward", 0.5, "referenceGoldReward", 0.1,
        "rankingAccuracy", 0.55, "idealizedRankingAccuracy", 0.9, "alignmentGap", 0.35);
    StageStatus dpo = stage("dpo", StagePhase.Succeeded);
    dpo.output = "file:///workspace/team-a/quickstart/dpo/model";

    AlignmentRunStatus status = RunStatuses.from(run,
        plan(new Outcome.Succeeded(), stage("sft", StagePhase.Succeeded), dpo, eval), "dpo", "eval", Optional.empty(), T0);

    assertThat(status.phase).isEqualTo(RunPhase.Succeeded);
    assertThat(condition(status, Conditions.Type.Succeeded).getStatus()).isEqualTo("True");
    assertThat(condition(status, Conditions.Type.Progressing).getStatus()).isEqualTo("False");
    assertThat(status.results.winRate).isEqualTo(0.8);
    assertThat(status.results.alignmentGap).isEqualTo(0.35);
    assertThat(status.model).isEqualTo("file:///workspace/team-a/quickstart/dpo/model");
    assertThat(status.progress.summary).isEqualTo("3/3 stages");
  }

  @Test
  void transitionTimeMovesOnlyWhenAConditionFlips() {
    run.setStatus(RunStatuses.from(run, plan(new Outcome.Running("sft", 1), stage("sft", StagePhase.Running)),
        "dpo", "eval", Optional.empty(), T0));

    AlignmentRunStatus later = RunStatuses.from(run,
        plan(new Outcome.Running("dpo", 1), stage("sft", StagePhase.Succeeded), stage("dpo", StagePhase.Running)),
        "dpo", "eval", Optional.empty(), T0.plusSeconds(60));

    assertThat(condition(later, Conditions.Type.Progressing).getLastTransitionTime()).isEqualTo(T0.toString());
    assertThat(condition(later, Conditions.Type.Progressing).getMessage()).isEqualTo("stage dpo is running (attempt 1)");
    assertThat(later.progress.stage).isEqualTo("dpo");
    assertThat(later.progress.summary).isEqualTo("1/2 stages");
  }

  @Test
  void liveProgressFillsStepAndEtaAndIsKeptBetweenReads() {
    AlignmentRunStatus read = RunStatuses.from(run,
        plan(new Outcome.Running("dpo", 1), stage("sft", StagePhase.Succeeded), stage("dpo", StagePhase.Running),
            stage("eval", StagePhase.Pending)),
        "dpo", "eval", Optional.of(new TrainerProgress(120, 200, 95.0)), T0);
    assertThat(read.progress.step).isEqualTo(120);
    assertThat(read.progress.totalSteps).isEqualTo(200);
    assertThat(read.progress.eta).isEqualTo("1m35s");
    assertThat(read.progress.summary).isEqualTo("1/3 stages, dpo 120/200");

    run.setStatus(read);
    AlignmentRunStatus between = RunStatuses.from(run,
        plan(new Outcome.Running("dpo", 1), stage("sft", StagePhase.Succeeded), stage("dpo", StagePhase.Running),
            stage("eval", StagePhase.Pending)),
        "dpo", "eval", Optional.empty(), T0.plusSeconds(2));
    assertThat(between.progress.summary).isEqualTo("1/3 stages, dpo 120/200");

    AlignmentRunStatus nextStage = RunStatuses.from(run,
        plan(new Outcome.Running("eval", 1), stage("sft", StagePhase.Succeeded), stage("dpo", StagePhase.Succeeded),
            stage("eval", StagePhase.Running)),
        "dpo", "eval", Optional.empty(), T0.plusSeconds(4));
    assertThat(nextStage.progress.step).as("another stage's steps are not carried over").isNull();
    assertThat(nextStage.progress.summary).isEqualTo("2/3 stages");
  }

  @Test
  void failedAndSuspendedRunsSetTheirConditions() {
    AlignmentRunStatus failed = RunStatuses.from(run,
        plan(new Outcome.Failed("sft", "bad line 3"), stage("sft", StagePhase.Failed)), "dpo", "eval", Optional.empty(), T0);
    assertThat(failed.phase).isEqualTo(RunPhase.Failed);
    assertThat(condition(failed, Conditions.Type.Failed).getStatus()).isEqualTo("True");
    assertThat(condition(failed, Conditions.Type.Failed).getMessage()).isEqualTo("stage sft failed: bad line 3");

    AlignmentRunStatus suspended = RunStatuses.from(run,
        plan(new Outcome.Suspended(), stage("sft", StagePhase.Suspended)), "dpo", "eval", Optional.empty(), T0);
    assertThat(suspended.phase).isEqualTo(RunPhase.Suspended);
    assertThat(condition(suspended, Conditions.Type.Suspended).getStatus()).isEqualTo("True");
  }

  @Test
  void transitionsListStageChangesForEvents() {
    List<StageTransition> transitions = StageTransition.between(
        List.of(stage("sft", StagePhase.Running), stage("dpo", StagePhase.Pending)),
        List.of(stage("sft", StagePhase.Succeeded), stage("dpo", StagePhase.Running)));

    assertThat(transitions).extracting(t -> t.stage().name + ":" + t.from() + "->" + t.stage().phase)
        .containsExactly("sft:Running->Succeeded", "dpo:Pending->Running");
    assertThat(transitions.get(0).reached(StagePhase.Succeeded)).isTrue();
    assertThat(transitions.get(1).started()).isTrue();
  }

  @Test
  void failureRetriedInTheSameReconcileIsStillARetry() {
    StageStatus before = stage("sft", StagePhase.Running);
    StageStatus after = stage("sft", StagePhase.Running);
    after.attempts = 2;
    after.failures = 1;

    StageTransition t = StageTransition.between(List.of(before), List.of(after)).get(0);

    assertThat(t.retried()).isTrue();
    assertThat(t.started()).isTrue();
    assertThat(t.reached(StagePhase.Running)).isFalse();
  }

  private static StagePlan plan(Outcome outcome, StageStatus... stages) {
    return new StagePlan(List.of(stages), List.of(), outcome);
  }

  private static StageStatus stage(String name, StagePhase phase) {
    StageStatus s = new StageStatus();
    s.name = name;
    s.phase = phase;
    s.attempts = phase == StagePhase.Pending ? 0 : 1;
    return s;
  }

  private static Condition condition(AlignmentRunStatus status, Conditions.Type type) {
    return status.conditions.stream().filter(c -> Conditions.is(c, type)).findFirst().orElseThrow();
  }
}
