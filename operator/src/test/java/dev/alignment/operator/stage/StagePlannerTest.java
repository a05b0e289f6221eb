package dev.alignment.operator.stage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alignment.api.v1alpha1.StagePhase;
import dev.alignment.api.v1alpha1.StageStatus;
import dev.alignment.contract.StageSummary;
import dev.alignment.contract.SummaryReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StagePlannerTest {
  private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
  private static final BackoffPolicy BACKOFF = new BackoffPolicy(Duration.ofSeconds(10), Duration.ofMinutes(5));
  private static final List<String> STAGES = List.of("sft", "dpo", "eval");
  private static final List<String> PPO = List.of("ppo", "eval");

  private final List<ObservedJob> jobs = new ArrayList<>();
  private List<String> stages = STAGES;
  private Map<String, List<String>> roles = Map.of();
  private List<StageStatus> recorded = List.of();
  private boolean suspend;
  private Readiness readiness = Readiness.READY;
  private int maxRetries = 2;
  private boolean retryOutOfMemory;
  private Instant now = NOW;

  private StagePlan plan() {
    StagePlan plan = StagePlanner.plan(
        new PlanInput("run", stages, roles, recorded, List.copyOf(jobs), suspend, readiness, maxRetries, retryOutOfMemory, BACKOFF, now));
    recorded = plan.stages();
    return plan;
  }

  private void job(String stage, int attempt, JobState state, StageSummary summary) {
    role(stage, null, attempt, state, summary);
  }

  private void role(String stage, String role, int attempt, JobState state, StageSummary summary) {
    jobs.removeIf(j -> j.stage().equals(stage) && j.attempt() == attempt && Objects.equals(j.role(), role));
    Instant finished = state == JobState.ACTIVE ? null : now;
    String name = DerivedNames.job("run", stage, role, attempt);
    jobs.add(new ObservedJob(stage, role, attempt, name, state, finished, summary));
  }

  private void splitPpo() {
    stages = PPO;
    roles = Map.of("ppo", List.of("actor", "critic"));
  }

  private StageStatus stage(String name) {
    return recorded.stream().filter(s -> s.name.equals(name)).findFirst().orElseThrow();
  }

  @Test
  void freshPipelineStartsTheFirstStageOnly() {
    StagePlan plan = plan();

    assertThat(plan.actions()).containsExactly(new StageAction.CreateJob("sft", 1));
    assertThat(plan.outcome()).isEqualTo(new Outcome.Running("sft", 1));
    assertThat(stage("sft").phase).isEqualTo(StagePhase.Running);
    assertThat(stage("sft").job).isEqualTo("run-sft-1");
    assertThat(stage("sft").startTime).isEqualTo(NOW.toString());
    assertThat(stage("dpo").phase).isEqualTo(StagePhase.Pending);
  }

  @Test
  void runningJobIsLeftAlone() {
    plan();
    job("sft", 1, JobState.ACTIVE, null);

    StagePlan plan = plan();

    assertThat(plan.actions()).isEmpty();
    assertThat(plan.outcome()).isEqualTo(new Outcome.Running("sft", 1));
  }

  @Test
  void succeededStageRecordsItsSummaryAndStartsTheNextInTheSameReconcile() {
    plan();
    job("sft", 1, JobState.SUCCEEDED, new StageSummary("file:///workspace/ns/run/sft/model", Map.of("loss", 1.5), null, "done"));

    StagePlan plan = plan();

    assertThat(stage("sft").phase).isEqualTo(StagePhase.Succeeded);
    assertThat(stage("sft").metrics).containsEntry("loss", 1.5);
    assertThat(stage("sft").output).isEqualTo("file:///workspace/ns/run/sft/model");
    assertThat(stage("sft").completionTime).isEqualTo(NOW.toString());
    assertThat(plan.actions()).containsExactly(new StageAction.CreateJob("dpo", 1));
    assertThat(plan.outcome()).isEqualTo(new Outcome.Running("dpo", 1));
  }

  @Test
  void aSummaryWithKeysTheContractDoesNotKnowStillRecordsItsOutputAndMetrics() {
    plan();
    job("sft", 1, JobState.SUCCEEDED, SummaryReader.read("{\"output\": \"file:///workspace/ns/run/sft/model\","
        + " \"runtime\": \"trl-0.12\", \"metrics\": {\"loss\": 1.5, \"grad_norm\": NaN}}"));

    plan();

    assertThat(stage("sft").phase).isEqualTo(StagePhase.Succeeded);
    assertThat(stage("sft").metrics).containsExactly(Map.entry("loss", 1.5));
    assertThat(stage("sft").output).isEqualTo("file:///workspace/ns/run/sft/model");
  }

  @Test
  void aSummaryWithoutMetricsRecordsNone() {
    plan();
    job("sft", 1, JobState.SUCCEEDED, StageSummary.ofMessage("done"));

    plan();

    assertThat(stage("sft").phase).isEqualTo(StagePhase.Succeeded);
    assertThat(stage("sft").metrics).isNull();
    assertThat(stage("sft").message).isEqualTo("done");
  }

  @Test
  void allStagesSucceededIsSuccess() {
    for (String s : STAGES) {
      plan();
      job(s, 1, JobState.SUCCEEDED, null);
    }

    StagePlan plan = plan();

    assertThat(plan.outcome()).isInstanceOf(Outcome.Succeeded.class);
    assertThat(plan.actions()).isEmpty();
    assertThat(recorded).allMatch(s -> s.phase == StagePhase.Succeeded);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      FAILED_PERMANENT     | data.jsonl line 7: missing field 'chosen'
      FAILED_OUT_OF_MEMORY | out of memory: limit of 3Gi
      """)
  void badInputAndOutOfMemoryFailAtOnceWithTheTrainersMessage(JobState state, String message) {
    plan();
    job("sft", 1, state, StageSummary.ofMessage(message));

    StagePlan plan = plan();

    assertThat(plan.outcome()).isEqualTo(new Outcome.Failed("sft", message));
    assertThat(plan.actions()).isEmpty();
    assertThat(stage("sft").phase).isEqualTo(StagePhase.Failed);
    assertThat(stage("sft").failures).as("no retry spent").isZero();
  }

  @Test
  void retryableFailureWaitsOutTheBackoffThenStartsTheNextAttempt() {
    plan();
    job("sft", 1, JobState.FAILED_RETRYABLE, StageSummary.ofMessage("exit code 137 (Killed)"));

    StagePlan waiting = plan();
    assertThat(waiting.actions()).isEmpty();
    assertThat(waiting.outcome()).isInstanceOf(Outcome.Retrying.class);
    assertThat(waiting.requeueAfter()).contains(Duration.ofSeconds(10));
    assertThat(stage("sft").phase).isEqualTo(StagePhase.Retrying);
    assertThat(stage("sft").failures).isEqualTo(1);
    assertThat(stage("sft").message).contains("exit code 137 (Killed)");

    now = NOW.plusSeconds(4);
    StagePlan stillWaiting = plan();
    assertThat(stillWaiting.actions()).isEmpty();
    assertThat(stillWaiting.requeueAfter()).contains(Duration.ofSeconds(6));
    assertThat(stage("sft").failures).as("a failure is counted once").isEqualTo(1);

    now = NOW.plusSeconds(10);
    StagePlan retry = plan();
    assertThat(retry.actions()).containsExactly(new StageAction.CreateJob("sft", 2));
    assertThat(stage("sft").attempts).isEqualTo(2);
    assertThat(stage("sft").job).isEqualTo("run-sft-2");
    assertThat(stage("sft").startTime).as("start of the stage, not of the attempt").isEqualTo(NOW.toString());
  }

  @Test
  void backoffDoublesPerFailure() {
    assertThat(BACKOFF.delayAfter(1)).isEqualTo(Duration.ofSeconds(10));
    assertThat(BACKOFF.delayAfter(2)).isEqualTo(Duration.ofSeconds(20));
    assertThat(BACKOFF.delayAfter(3)).isEqualTo(Duration.ofSeconds(40));
    assertThat(BACKOFF.delayAfter(20)).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void failsAfterMaxRetries() {
    maxRetries = 1;
    plan();
    job("sft", 1, JobState.FAILED_RETRYABLE, StageSummary.ofMessage("exit code 1"));
    plan();
    now = now.plusSeconds(10);
    plan();
    job("sft", 2, JobState.FAILED_RETRYABLE, StageSummary.ofMessage("exit code 1: boom"));

    StagePlan plan = plan();

    assertThat(plan.outcome()).isInstanceOf(Outcome.Failed.class);
    assertThat(((Outcome.Failed) plan.outcome()).message()).isEqualTo("failed after 2 attempt(s): exit code 1: boom");
    assertThat(stage("sft").failures).isEqualTo(2);
    assertThat(plan.actions()).isEmpty();
  }

  @Test
  void jobThatDisappearedCountsAsARetryableFailure() {
    plan();

    StagePlan plan = plan();

    assertThat(plan.outcome()).isInstanceOf(Outcome.Retrying.class);
    assertThat(stage("sft").message).contains("run-sft-1 disappeared");
  }

  @Test
  void newerJobThanRecordedIsAdoptedNotDuplicated() {
    plan();
    job("sft", 1, JobState.ACTIVE, null);
    recorded = List.of();

    StagePlan plan = plan();

    assertThat(plan.actions()).isEmpty();
    assertThat(stage("sft").attempts).isEqualTo(1);
    assertThat(stage("sft").phase).isEqualTo(StagePhase.Running);
  }

  @Test
  void waitsWithoutJobsWhileDependenciesAreNotReady() {
    readiness = Readiness.waiting("WaitingForPreferenceDataset", "waiting for PreferenceDataset prefs");

    StagePlan plan = plan();

    assertThat(plan.actions()).isEmpty();
    assertThat(plan.outcome())
        .isEqualTo(new Outcome.Waiting("WaitingForPreferenceDataset", "waiting for PreferenceDataset prefs"));
    assertThat(stage("sft").phase).isEqualTo(StagePhase.Pending);
  }

  @Test
  void suspendDeletesTheRunningJobAndResumeStartsTheNextAttempt() {
    plan();
    job("sft", 1, JobState.ACTIVE, null);
    suspend = true;

    StagePlan suspended = plan();
    assertThat(suspended.actions()).containsExactly(new StageAction.DeleteJob("sft", "run-sft-1"));
    assertThat(suspended.outcome()).isInstanceOf(Outcome.Suspended.class);
    assertThat(stage("sft").phase).isEqualTo(StagePhase.Suspended);

    job("sft", 1, JobState.DELETING, null);
    assertThat(plan().actions()).as("nothing more to delete").isEmpty();

    jobs.clear();
    suspend = false;
    StagePlan resumed = plan();
    assertThat(resumed.actions()).containsExactly(new StageAction.CreateJob("sft", 2));
    assertThat(stage("sft").failures).as("a suspension is not a failure").isZero();
  }

  @Test
  void suspendBeforeAnyJobStartsNothing() {
    suspend = true;

    StagePlan plan = plan();

    assertThat(plan.actions()).isEmpty();
    assertThat(plan.outcome()).isInstanceOf(Outcome.Suspended.class);
    assertThat(stage("sft").phase).isEqualTo(StagePhase.Pending);
  }

  @Test
  void finishedStagesStayFinishedWhenTheirJobsAreGone() {
    plan();
    job("sft", 1, JobState.SUCCEEDED, null);
    plan();
    jobs.clear();
    job("dpo", 1, JobState.ACTIVE, null);

    StagePlan plan = plan();

    assertThat(stage("sft").phase).isEqualTo(StagePhase.Succeeded);
    assertThat(plan.actions()).isEmpty();
  }

  @Test
  void splitStageStartsAsOneAttemptAndNamesTheActorJob() {
    splitPpo();

    StagePlan plan = plan();

    assertThat(plan.actions()).containsExactly(new StageAction.CreateJob("ppo", 1));
    assertThat(stage("ppo").job).isEqualTo("run-ppo-actor-1");
    assertThat(stage("ppo").roles).extracting(r -> r.name + " " + r.job + " " + r.phase)
        .containsExactly("actor run-ppo-actor-1 Pending", "critic run-ppo-critic-1 Pending");
  }

  @Test
  void splitStageRunsUntilEveryRoleHasSucceededAndReportsTheActorsSummary() {
    splitPpo();
    plan();
    role("ppo", "actor", 1, JobState.SUCCEEDED, new StageSummary("file:///w/ppo/model", Map.of("objective/kl", 1.5), null, "done"));
    role("ppo", "critic", 1, JobState.ACTIVE, null);

    assertThat(plan().outcome()).isEqualTo(new Outcome.Running("ppo", 1));
    assertThat(stage("ppo").roles).extracting(r -> r.phase).containsExactly(StagePhase.Succeeded, StagePhase.Running);

    role("ppo", "critic", 1, JobState.SUCCEEDED, StageSummary.ofMessage("value model saved"));
    StagePlan plan = plan();

    assertThat(stage("ppo").phase).isEqualTo(StagePhase.Succeeded);
    assertThat(stage("ppo").output).isEqualTo("file:///w/ppo/model");
    assertThat(stage("ppo").metrics).containsEntry("objective/kl", 1.5);
    assertThat(plan.actions()).containsExactly(new StageAction.CreateJob("eval", 1));
  }

  @Test
  void oneRoleFailingStopsTheOtherAndRetriesBothAsTheNextAttempt() {
    splitPpo();
    plan();
    role("ppo", "actor", 1, JobState.ACTIVE, null);
    role("ppo", "critic", 1, JobState.FAILED_RETRYABLE, StageSummary.ofMessage("exit code 137 (OOMKilled)"));

    StagePlan failed = plan();

    assertThat(failed.actions()).containsExactly(new StageAction.DeleteJob("ppo", "run-ppo-actor-1"));
    assertThat(stage("ppo").phase).isEqualTo(StagePhase.Retrying);
    assertThat(stage("ppo").message).contains("critic: exit code 137 (OOMKilled)");
    assertThat(stage("ppo").roles).extracting(r -> r.phase).containsExactly(StagePhase.Running, StagePhase.Failed);

    role("ppo", "actor", 1, JobState.DELETING, null);
    now = NOW.plus(BACKOFF.delayAfter(1));
    StagePlan retried = plan();

    assertThat(retried.actions()).containsExactly(new StageAction.CreateJob("ppo", 2));
    assertThat(stage("ppo").job).isEqualTo("run-ppo-actor-2");
    assertThat(stage("ppo").roles).extracting(r -> r.job).containsExactly("run-ppo-actor-2", "run-ppo-critic-2");
    assertThat(stage("ppo").startTime).as("the first attempt's start").isEqualTo(NOW.toString());
  }

  @Test
  void aMissingRoleJobCountsAsAFailureOfTheAttempt() {
    splitPpo();
    plan();
    role("ppo", "actor", 1, JobState.ACTIVE, null);

    StagePlan plan = plan();

    assertThat(plan.actions()).containsExactly(new StageAction.DeleteJob("ppo", "run-ppo-actor-1"));
    assertThat(stage("ppo").phase).isEqualTo(StagePhase.Retrying);
    assertThat(stage("ppo").failures).isEqualTo(1);
  }

  @Test
  void badInputInOneRoleFailsTheStageAndStopsTheOther() {
    splitPpo();
    plan();
    role("ppo", "actor", 1, JobState.FAILED_PERMANENT, StageSummary.ofMessage("prompts: line 3: bad JSON"));
    role("ppo", "critic", 1, JobState.ACTIVE, null);

    StagePlan plan = plan();

    assertThat(plan.outcome()).isEqualTo(new Outcome.Failed("ppo", "actor: prompts: line 3: bad JSON"));
    assertThat(plan.actions()).containsExactly(new StageAction.DeleteJob("ppo", "run-ppo-critic-1"));
  }

  @Test
  void suspendStopsEveryRole() {
    splitPpo();
    plan();
    role("ppo", "actor", 1, JobState.ACTIVE, null);
    role("ppo", "critic", 1, JobState.ACTIVE, null);
    suspend = true;

    StagePlan plan = plan();

    assertThat(plan.actions()).containsExactlyInAnyOrder(
        new StageAction.DeleteJob("ppo", "run-ppo-actor-1"), new StageAction.DeleteJob("ppo", "run-ppo-critic-1"));
    assertThat(stage("ppo").phase).isEqualTo(StagePhase.Suspended);
  }

  @Test
  void outOfMemoryIsRetriedWithinMaxRetriesWhenTheSpecAsks() {
    retryOutOfMemory = true;
    plan();
    job("sft", 1, JobState.FAILED_OUT_OF_MEMORY, StageSummary.ofMessage("out of memory: limit of 3Gi"));

    StagePlan plan = plan();

    assertThat(plan.outcome()).isInstanceOf(Outcome.Retrying.class);
    assertThat(stage("sft").failures).isEqualTo(1);
    assertThat(stage("sft").message).contains("out of memory: limit of 3Gi");
  }

  @Test
  void outOfMemoryInOneRoleOutranksTheOtherRolesRetryableFailure() {
    splitPpo();
    plan();
    role("ppo", "actor", 1, JobState.FAILED_RETRYABLE, StageSummary.ofMessage("critic unreachable"));
    role("ppo", "critic", 1, JobState.FAILED_OUT_OF_MEMORY, StageSummary.ofMessage("out of memory"));

    StagePlan plan = plan();

    assertThat(plan.outcome()).isEqualTo(new Outcome.Failed("ppo", "critic: out of memory"));
  }

  @Test
  void invalidJobRefusedByTheApiServerFailsTheStageForGood() {
    StagePlan started = plan();

    StagePlan refused = StagePlanner.refused(started,
        List.of(new RefusedCreate("sft", 1, "Job run-sft-1", 422, "spec.template.spec.nodeSelector: Invalid value")),
        BACKOFF, NOW);
    recorded = refused.stages();

    assertThat(refused.outcome()).isInstanceOf(Outcome.Failed.class);
    assertThat(stage("sft").phase).isEqualTo(StagePhase.Failed);
    assertThat(stage("sft").message).isEqualTo("attempt 1 could not start: Job run-sft-1 was refused by the API "
        + "server (422): spec.template.spec.nodeSelector: Invalid value");
    assertThat(stage("sft").failures).isZero();
    assertThat(plan().actions()).as("nothing is tried again").isEmpty();
  }

  @Test
  void transientRefusalWaitsABackoffThenTriesANewAttemptWithoutCountingAFailure() {
    StagePlan started = plan();

    StagePlan refused = StagePlanner.refused(started,
        List.of(new RefusedCreate("sft", 1, "Job run-sft-1", 403, "exceeded quota: compute")), BACKOFF, NOW);
    recorded = refused.stages();

    assertThat(refused.outcome()).isInstanceOf(Outcome.Retrying.class);
    assertThat(refused.requeueAfter()).contains(Duration.ofSeconds(10));
    assertThat(stage("sft").phase).isEqualTo(StagePhase.Retrying);
    assertThat(stage("sft").message).contains("(403): exceeded quota: compute");
    assertThat(stage("sft").failures).isZero();

    now = NOW.plusSeconds(10);
    assertThat(plan().actions()).containsExactly(new StageAction.CreateJob("sft", 2));
  }

  @Test
  void anObjectOwnedByAnotherFailsTheStageForGoodNamingItWithoutAFailureCounted() {
    StagePlan started = plan();

    StagePlan refused = StagePlanner.refused(started,
        List.of(RefusedCreate.notOwned("sft", 1, "ConfigMap run-sft-config", "AlignmentRun")), BACKOFF, NOW);
    recorded = refused.stages();

    assertThat(refused.outcome()).isInstanceOf(Outcome.Failed.class);
    assertThat(stage("sft").phase).isEqualTo(StagePhase.Failed);
    assertThat(stage("sft").message).startsWith(
        "attempt 1 could not start: ConfigMap run-sft-config exists and is not owned by this AlignmentRun");
    assertThat(stage("sft").failures).isZero();
    assertThat(plan().actions()).as("nothing is tried again").isEmpty();
  }

  @Test
  void aConflictOnCreateThatIsNotAboutOwnershipMayPassLater() {
    RefusedCreate vanished = new RefusedCreate("sft", 1, "Job run-sft-1", 409, "object is being deleted");

    assertThat(vanished.notOwned()).isFalse();
    assertThat(vanished.permanent()).isFalse();
    assertThat(RefusedCreate.notOwned("sft", 1, "Job run-sft-1", "AlignmentRun").permanent()).isTrue();
  }

  @Test
  void aJobSetsGroupRestartsAreRecordedWithinOneAttemptAndResetByTheNext() {
    plan();
    jobs.add(new ObservedJob("sft", null, 1, "run-sft-1", JobState.ACTIVE, null, null, 2));

    assertThat(plan().actions()).isEmpty();
    assertThat(stage("sft").restarts).isEqualTo(2);
    assertThat(stage("sft").attempts).as("restarts are not attempts").isEqualTo(1);
    assertThat(stage("sft").failures).isZero();

    jobs.clear();
    jobs.add(new ObservedJob("sft", null, 1, "run-sft-1", JobState.FAILED_RETRYABLE, now, StageSummary.ofMessage(
        "exit code 137"), 2));
    plan();
    now = NOW.plus(BACKOFF.delayAfter(1));
    StagePlan retried = plan();

    assertThat(retried.actions()).containsExactly(new StageAction.CreateJob("sft", 2));
    assertThat(stage("sft").restarts).isNull();
    assertThat(stage("sft").failures).isEqualTo(1);
  }

  @Test
  void theStageAndTheRolesOfAGangNameItsJobSet() {
    splitPpo();
    plan();
    jobs.add(new ObservedJob("ppo", "critic", 1, "run-ppo-1", JobState.FAILED_RETRYABLE, now,
        StageSummary.ofMessage("exit code 1"), 0));
    jobs.add(new ObservedJob("ppo", "actor", 1, "run-ppo-1", JobState.FAILED_RETRYABLE, now, null, 0));

    StagePlan failed = plan();

    assertThat(failed.actions()).as("the failed JobSet is kept for its logs").isEmpty();
    assertThat(stage("ppo").job).as("the status names the JobSet").isEqualTo("run-ppo-1");
    assertThat(stage("ppo").roles).extracting(r -> r.name + " " + r.job)
        .containsExactly("actor run-ppo-1", "critic run-ppo-1");
    assertThat(stage("ppo").message).contains("critic: exit code 1");
  }
}
