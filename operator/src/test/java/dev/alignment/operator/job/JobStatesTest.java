package dev.alignment.operator.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alignment.operator.stage.JobState;
import dev.alignment.operator.stage.ObservedJob;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobStatesTest {
  private static final String AT = "2026-11-22T12:00:00Z";

  @Test
  void jobWithoutTerminalConditionIsActive() {
    ObservedJob observed = JobStates.observe(job(null, null), List.of());

    assertThat(observed.state()).isEqualTo(JobState.ACTIVE);
    assertThat(observed.stage()).isEqualTo("dpo");
    assertThat(observed.attempt()).isEqualTo(2);
  }

  @Test
  void completeJobCarriesTheTrainersJsonSummary() {
    Pod pod = pod(0, "{\"output\":\"file:///workspace/a/r/dpo/model\",\"metrics\":{\"loss\":0.4},\"message\":\"ok\"}");

    ObservedJob observed = JobStates.observe(job("Complete", null), List.of(pod));

    assertThat(observed.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(observed.finishedAt()).isEqualTo(Instant.parse(AT));
    assertThat(observed.summary().output()).isEqualTo("file:///workspace/a/r/dpo/model");
    assertThat(observed.summary().metrics()).containsEntry("loss", 0.4);
  }

  @Test
  void anIndexedJobsSummaryIsRankZerosWhicheverRankEndedLast() {
    List<Pod> pods = List.of(RankPods.ended(0, 0, "{\"output\":\"file:///workspace/a/r/dpo/model\"}", 3),
        RankPods.ended(1, 0, "rank 1 writes no summary", 9));

    ObservedJob observed = JobStates.observe(job("Complete", null), pods);

    assertThat(observed.summary().output()).isEqualTo("file:///workspace/a/r/dpo/model");
  }

  @Test
  void anIndexedJobsFailureIsExplainedByTheRankThatFailedFirst() {
    List<Pod> pods = List.of(RankPods.ended(0, 1, "connection reset by peer", 9),
        RankPods.ended(1, 1, "CUDA error: an illegal memory access", 4),
        RankPods.ended(1, 137, "an earlier pod of rank 1, replaced after a disruption", 1));

    ObservedJob observed = JobStates.observe(job("Failed", "BackoffLimitExceeded"), pods);

    assertThat(observed.state()).isEqualTo(JobState.FAILED_RETRYABLE);
    assertThat(observed.summary().message()).isEqualTo("rank 1: exit code 1: CUDA error: an illegal memory access");
  }

  @Test
  void podFailurePolicyMeansBadInputWithTheTrainersMessage() {
    Pod pod = pod(2, "{\"message\":\"pairs.jsonl line 3: invalid JSON\"}");

    ObservedJob observed = JobStates.observe(job("Failed", "PodFailurePolicy"), List.of(pod));

    assertThat(observed.state()).isEqualTo(JobState.FAILED_PERMANENT);
    assertThat(observed.summary().message()).isEqualTo("exit code 2: pairs.jsonl line 3: invalid JSON");
  }

  @Test
  void otherFailuresAreRetryableAndNameTheExitCodeAndReason() {
    Pod pod = new PodBuilder(pod(137, null)).editStatus().editFirstContainerStatus().editState().editTerminated()
        .withReason("Killed").endTerminated().endState().endContainerStatus().endStatus().build();

    ObservedJob observed = JobStates.observe(job("Failed", "BackoffLimitExceeded"), List.of(pod));

    assertThat(observed.state()).isEqualTo(JobState.FAILED_RETRYABLE);
    assertThat(observed.summary().message()).isEqualTo("exit code 137 (Killed)");
  }

  @Test
  void outOfMemoryKillIsItsOwnStateAndNamesTheMemoryLimit() {
    Pod pod = new PodBuilder(pod(137, null))
        .editOrNewSpec().addNewContainer().withName("trainer").withNewResources()
        .addToLimits("memory", new Quantity("3Gi")).endResources().endContainer().endSpec()
        .editStatus().editFirstContainerStatus().editState().editTerminated()
        .withReason("OOMKilled").endTerminated().endState().endContainerStatus().endStatus().build();

    ObservedJob observed = JobStates.observe(job("Failed", "BackoffLimitExceeded"), List.of(pod));

    assertThat(observed.state()).isEqualTo(JobState.FAILED_OUT_OF_MEMORY);
    assertThat(observed.summary().message())
        .startsWith("out of memory: the trainer was killed at its memory limit of 3Gi (exit code 137, OOMKilled)")
        .contains("raise the memory in spec.resources");
  }

  @Test
  void plainTextTerminationMessageIsKeptAsTheMessage() {
    Pod pod = pod(1, "Exception in thread main: java.lang.IllegalStateException: NaN loss");

    ObservedJob observed = JobStates.observe(job("Failed", "BackoffLimitExceeded"), List.of(pod));

    assertThat(observed.summary().message()).isEqualTo("exit code 1: Exception in thread main: java.lang.IllegalStateException: NaN loss");
  }

  @Test
  void failureWithoutPodUsesTheJobCondition() {
    ObservedJob observed = JobStates.observe(job("Failed", "DeadlineExceeded"), List.of());

    assertThat(observed.state()).isEqualTo(JobState.FAILED_RETRYABLE);
    assertThat(observed.summary().message()).isEqualTo("DeadlineExceeded: the job failed");
  }

  @Test
  void jobBeingDeletedCountsAsGone() {
    Job job = new JobBuilder(job(null, null)).editMetadata().withDeletionTimestamp(AT).endMetadata().build();

    assertThat(JobStates.observe(job, List.of()).state()).isEqualTo(JobState.DELETING);
  }

  private static Job job(String condition, String reason) {
    JobBuilder job = new JobBuilder().withNewMetadata().withName("run-dpo-2")
        .addToLabels(JobLabels.STAGE, "dpo").addToLabels(JobLabels.ATTEMPT, "2").endMetadata();
    if (condition != null) {
      job.withNewStatus().addNewCondition().withType(condition).withStatus("True").withReason(reason)
          .withMessage("the job failed").withLastTransitionTime(AT).endCondition().endStatus();
    }
    return job.build();
  }

  private static Pod pod(int exitCode, String message) {
    return new PodBuilder().withNewMetadata().withName("run-dpo-2-abcde").endMetadata().withNewStatus()
        .addNewContainerStatus().withName("trainer").withNewState().withNewTerminated().withExitCode(exitCode)
        .withReason(exitCode == 0 ? "Completed" : "Error").withMessage(message).withFinishedAt(AT)
        .endTerminated().endState().endContainerStatus().endStatus().build();
  }
}
