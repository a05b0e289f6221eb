package dev.alignment.operator.job;

import static dev.alignment.operator.job.RankPods.ended;
import static dev.alignment.operator.job.RankPods.inJobSet;
import static org.assertj.core.api.Assertions.assertThat;

import dev.alignment.operator.job.jobset.JobSet;
import dev.alignment.operator.job.jobset.JobSetSpec;
import dev.alignment.operator.job.jobset.JobSetStatus;
import dev.alignment.operator.stage.JobState;
import dev.alignment.operator.stage.ObservedJob;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobSetStatesTest {
  private static final String AT = "2026-11-22T12:01:00Z";
  private static final String SUMMARY = "{\"output\":\"file:///workspace/a/r/dpo/model\",\"metrics\":{\"loss\":0.4}}";

  @Test
  void aRunningJobSetIsActiveAndCarriesItsRestarts() {
    List<ObservedJob> observed = JobSetStates.observe(jobSet(List.of("trainer"), null, null, 1), List.of());

    assertThat(observed).singleElement().satisfies(job -> {
      assertThat(job.state()).isEqualTo(JobState.ACTIVE);
      assertThat(job.role()).isNull();
      assertThat(job.stage()).isEqualTo("dpo");
      assertThat(job.attempt()).isEqualTo(2);
      assertThat(job.name()).isEqualTo("demo-dpo-2");
      assertThat(job.restarts()).isEqualTo(1);
    });
  }

  @Test
  void aCompletedJobSetSucceedsWithRankZerosSummary() {
    List<Pod> pods = List.of(inJobSet(ended(1, 0, "rank 1 says nothing", 5), "trainer", 0),
        inJobSet(ended(0, 0, SUMMARY, 3), "trainer", 0));

    ObservedJob observed = JobSetStates.observe(jobSet(List.of("trainer"), "Completed", "AllJobsCompleted", 0), pods).get(0);

    assertThat(observed.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(observed.finishedAt()).isEqualTo(Instant.parse(AT));
    assertThat(observed.summary().output()).isEqualTo("file:///workspace/a/r/dpo/model");
    assertThat(observed.summary().metrics()).containsEntry("loss", 0.4);
  }

  @Test
  void aCompletedGangWhosePodsAreNotReadAnyMoreIsStillObservedRoleByRole() {
    // Once the outcome is recorded the pods are not read again; a gang's roles then have no summary at all.
    List<ObservedJob> observed =
        JobSetStates.observe(jobSet(List.of("actor", "critic"), "Completed", "AllJobsCompleted", 0), List.of());

    assertThat(observed).extracting(ObservedJob::role).containsExactly("actor", "critic");
    assertThat(observed).allSatisfy(o -> {
      assertThat(o.state()).isEqualTo(JobState.SUCCEEDED);
      assertThat(o.summary()).isNull();
    });
  }

  @Test
  void theBadInputRuleFailsForGoodAndTheFirstFailingRankExplainsIt() {
    List<Pod> pods = List.of(inJobSet(ended(0, 1, "peer went away", 9), "trainer", 0),
        inJobSet(ended(1, 2, "{\"message\":\"pairs.jsonl line 3: invalid JSON\"}", 4), "trainer", 0));

    ObservedJob observed = JobSetStates.observe(
        jobSet(List.of("trainer"), "Failed", JobSetStates.FAIL_JOBSET_ACTION, 0), pods).get(0);

    assertThat(observed.state()).isEqualTo(JobState.FAILED_PERMANENT);
    assertThat(observed.summary().message()).isEqualTo("rank 1: exit code 2: pairs.jsonl line 3: invalid JSON");
  }

  @Test
  void reachingMaxRestartsIsOneRetryableFailureReadFromTheLatestRestartsPods() {
    List<Pod> pods = List.of(inJobSet(ended(0, 2, "{\"message\":\"from an earlier restart\"}", 1), "trainer", 1),
        inJobSet(ended(0, 137, null, 7), "trainer", 2));

    ObservedJob observed = JobSetStates.observe(
        jobSet(List.of("trainer"), "Failed", "ReachedMaxRestarts", 2), pods).get(0);

    assertThat(observed.state()).isEqualTo(JobState.FAILED_RETRYABLE);
    assertThat(observed.summary().message()).isEqualTo("exit code 137");
    assertThat(observed.restarts()).isEqualTo(2);
  }

  @Test
  void aFailedGangNamesTheRoleWhosePodFailedFirstAndPutsItFirst() {
    List<Pod> pods = List.of(inJobSet(ended(0, 1, "actor lost its critic", 8), "actor", 0),
        inJobSet(ended(0, 1, "{\"message\":\"critic crashed\"}", 2), "critic", 0));

    List<ObservedJob> observed = JobSetStates.observe(
        jobSet(List.of("actor", "critic"), "Failed", "ReachedMaxRestarts", 0), pods);

    assertThat(observed).extracting(ObservedJob::role).containsExactly("critic", "actor");
    assertThat(observed).allSatisfy(job -> assertThat(job.state()).isEqualTo(JobState.FAILED_RETRYABLE));
    assertThat(observed.get(0).summary().message()).isEqualTo("exit code 1: critic crashed");
    assertThat(observed.get(1).summary()).isNull();
  }

  @Test
  void withoutPodsTheJobSetsConditionIsTheMessage() {
    ObservedJob observed = JobSetStates.observe(
        jobSet(List.of("trainer"), "Failed", "ReachedMaxRestarts", 2), List.of()).get(0);

    assertThat(observed.summary().message()).isEqualTo("ReachedMaxRestarts: jobset failed");
  }

  @Test
  void aJobSetBeingDeletedCountsAsGone() {
    JobSet deleting = jobSet(List.of("trainer"), null, null, 0);
    deleting.getMetadata().setDeletionTimestamp(AT);

    assertThat(JobSetStates.observe(deleting, List.of())).extracting(ObservedJob::state).containsExactly(JobState.DELETING);
  }

  private static JobSet jobSet(List<String> replicatedJobs, String condition, String reason, int restarts) {
    JobSet jobSet = new JobSet();
    jobSet.setMetadata(new ObjectMetaBuilder().withName("demo-dpo-2").withNamespace("team-a")
        .withLabels(Map.of(JobLabels.STAGE, "dpo", JobLabels.ATTEMPT, "2")).build());
    jobSet.setSpec(new JobSetSpec());
    jobSet.getSpec().replicatedJobs = replicatedJobs.stream().map(r -> new JobSetSpec.ReplicatedJob(r, 1, null)).toList();
    jobSet.setStatus(new JobSetStatus());
    jobSet.getStatus().restarts = restarts;
    if (condition != null) {
      jobSet.getStatus().conditions = List.of(new ConditionBuilder().withType(condition).withStatus("True")
          .withReason(reason).withMessage("jobset failed").withLastTransitionTime(AT).build());
    }
    return jobSet;
  }
}
