package dev.alignment.operator.it;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.List;

/**
 * Plays the Job controller and the kubelet for one stage Job: creates its pod, ends the trainer container with an
 * exit code and termination message, and writes the Job's terminal status as the real controller does.
 */
final class JobController {
  private final KubernetesClient client;

  JobController(KubernetesClient client) {
    this.client = client;
  }

  /** The trainer exits 0 with this termination message; the Job completes. */
  void succeed(Job job, String terminationMessage) {
    finishPod(job, 0, "Completed", terminationMessage);
    String now = Instant.now().toString();
    writeStatus(new JobBuilder(job).editOrNewStatus()
        .withStartTime(now).withCompletionTime(now).withSucceeded(1).withActive(0).withReady(0).withTerminating(0)
        .withConditions(condition("SuccessCriteriaMet", "CompletionsReached", now),
            condition("Complete", "CompletionsReached", now))
        .endStatus().build());
  }

  /**
   * The trainer exits with this code; exit code 2 matches the Job's podFailurePolicy (reason PodFailurePolicy),
   * anything else exhausts backoffLimit 0 (reason BackoffLimitExceeded).
   */
  void fail(Job job, int exitCode, String terminationMessage) {
    fail(job, exitCode, "Error", terminationMessage);
  }

  /** As {@link #fail(Job, int, String)}, with the kubelet's termination reason, e.g. OOMKilled. */
  void fail(Job job, int exitCode, String containerReason, String terminationMessage) {
    finishPod(job, exitCode, containerReason, terminationMessage);
    String reason = exitCode == 2 ? "PodFailurePolicy" : "BackoffLimitExceeded";
    String now = Instant.now().toString();
    writeStatus(new JobBuilder(job).editOrNewStatus()
        .withStartTime(now).withFailed(1).withActive(0).withReady(0).withTerminating(0)
        .withConditions(condition("FailureTarget", reason, now), condition("Failed", reason, now))
        .endStatus().build());
  }

  /**
   * The kubelet started the trainer: its pod runs at 127.0.0.1 and serves metrics on {@code metricsPort} (the
   * port named metrics in the pod spec points there, so a test's own HTTP server stands in for the trainer's).
   */
  void start(Job job, int metricsPort) {
    Pod pod = client.resource(new PodBuilder(newPod(job)).editSpec().editFirstContainer().editFirstPort()
        .withContainerPort(metricsPort).endPort().endContainer().endSpec().build()).create();
    String now = Instant.now().toString();
    client.resource(new PodBuilder(pod).editOrNewStatus()
        .withPhase("Running").withPodIP("127.0.0.1").withStartTime(now)
        .addNewCondition().withType("PodScheduled").withStatus("True").withLastTransitionTime(now).endCondition()
        .addNewContainerStatus()
        .withName("trainer").withImage(pod.getSpec().getContainers().get(0).getImage()).withImageID("")
        .withReady(true).withStarted(true).withRestartCount(0)
        .withNewState().withNewRunning().withStartedAt(now).endRunning().endState()
        .endContainerStatus()
        .endStatus().build()).updateStatus();
  }

  private Pod newPod(Job job) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(job.getMetadata().getName() + "-pod")
        .withNamespace(job.getMetadata().getNamespace())
        .withLabels(job.getSpec().getTemplate().getMetadata().getLabels())
        .addToLabels("batch.kubernetes.io/job-name", job.getMetadata().getName())
        .addNewOwnerReference().withApiVersion("batch/v1").withKind("Job").withName(job.getMetadata().getName())
        .withUid(job.getMetadata().getUid()).withController(true).withBlockOwnerDeletion(true).endOwnerReference()
        .endMetadata()
        .withSpec(job.getSpec().getTemplate().getSpec())
        .build();
  }

  private void finishPod(Job job, int exitCode, String reason, String message) {
    String now = Instant.now().toString();
    Pod existing = client.pods().inNamespace(job.getMetadata().getNamespace())
        .withName(job.getMetadata().getName() + "-pod").get();
    Pod pod = existing != null ? existing : client.resource(newPod(job)).create();
    client.resource(new PodBuilder(pod).editOrNewStatus()
        .withPhase(exitCode == 0 ? "Succeeded" : "Failed")
        .addNewContainerStatus()
        .withName("trainer").withImage(pod.getSpec().getContainers().get(0).getImage()).withImageID("")
        .withReady(false).withRestartCount(0)
        .withNewState().withNewTerminated().withExitCode(exitCode).withReason(reason).withMessage(message)
        .withStartedAt(now).withFinishedAt(now).endTerminated().endState()
        .endContainerStatus()
        .endStatus().build()).updateStatus();
  }

  private void writeStatus(Job withStatus) {
    client.resource(withStatus).updateStatus();
  }

  private static JobCondition condition(String type, String reason, String now) {
    return new JobConditionBuilder().withType(type).withStatus("True").withReason(reason)
        .withMessage(reason).withLastProbeTime(now).withLastTransitionTime(now).build();
  }

  static List<String> names(List<Job> jobs) {
    return jobs.stream().map(j -> j.getMetadata().getName()).sorted().toList();
  }
}
