package dev.alignment.operator.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alignment.api.v1alpha1.StageStatus;
import dev.alignment.operator.job.jobset.JobSet;
import dev.alignment.operator.metrics.OperatorMetrics;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProgressProbeTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ProgressProbe probe = new ProgressProbe(new OperatorMetrics(registry));

  /** A trainer pod of run demo, scheduled 42 s after it was made, not running yet (so no progress is asked for). */
  private static Pod scheduledPod() {
    return new PodBuilder()
        .withNewMetadata().withName("demo-dpo-1-x").withNamespace("team-a").withUid("pod-1")
        .withCreationTimestamp("2026-11-29T10:00:00Z")
        .withLabels(Map.of(JobLabels.JOB_NAME, "demo-dpo-1", JobLabels.OWNER, "demo", JobLabels.STAGE, "dpo"))
        .endMetadata()
        .withNewSpec().addNewContainer().withName(StageJobBuilder.CONTAINER).endContainer().endSpec()
        .withNewStatus().withPhase("Pending")
        .addNewCondition().withType("PodScheduled").withStatus("True").withLastTransitionTime("2026-11-29T10:00:42Z")
        .endCondition()
        .endStatus()
        .build();
  }

  private static StageStatus stage(String job) {
    StageStatus stage = new StageStatus();
    stage.name = "dpo";
    stage.job = job;
    return stage;
  }

  /** A running trainer pod of JobSet demo-dpo-1's only role, of rank {@code rank}, serving at {@code ip}. */
  private static Pod jobSetPod(int rank, String ip) {
    return new PodBuilder()
        .withNewMetadata().withName("demo-dpo-1-trainer-0-" + rank + "-x").withNamespace("team-a").withUid("pod-" + rank)
        .withCreationTimestamp("2026-11-29T10:00:00Z")
        .withLabels(Map.of(JobLabels.JOB_NAME, "demo-dpo-1-trainer-0", JobSet.NAME_LABEL, "demo-dpo-1",
            Rendezvous.COMPLETION_INDEX, String.valueOf(rank), JobLabels.OWNER, "demo", JobLabels.STAGE, "dpo"))
        .endMetadata()
        .withNewSpec().addNewContainer().withName(StageJobBuilder.CONTAINER).addNewPort().withName("metrics")
        .withContainerPort(1).endPort().endContainer().endSpec()
        .withNewStatus().withPhase("Running").withPodIP(ip).endStatus()
        .build();
  }

  @Test
  void onlyRankZeroOfAJobSetIsAskedForProgress() {
    assertThat(ProgressProbe.rankZero(stage("demo-dpo-1"), List.of(jobSetPod(1, "10.0.0.2"), jobSetPod(0, "10.0.0.1"))))
        .map(p -> p.getStatus().getPodIP()).contains("10.0.0.1");
    assertThat(ProgressProbe.rankZero(stage("other-dpo-1"), List.of(jobSetPod(0, "10.0.0.1")))).isEmpty();
  }

  private long waitsRecorded() {
    return registry.get("alignment.stage.scheduling.wait").tag("stage", "dpo").timer().count();
  }

  @Test
  void aPodsSchedulingWaitIsRecordedOnceUntilItsRunIsForgotten() {
    List<Pod> pods = List.of(scheduledPod());

    assertThat(probe.read(stage("demo-dpo-1"), pods)).isEmpty();
    probe.read(stage("demo-dpo-1"), pods);
    assertThat(waitsRecorded()).isEqualTo(1);
    assertThat(registry.get("alignment.stage.scheduling.wait").timer().totalTime(TimeUnit.SECONDS))
        .isEqualTo(42.0);

    probe.forget(new ResourceID("demo", "team-a"));
    probe.read(stage("demo-dpo-1"), pods);

    assertThat(waitsRecorded()).as("nothing was remembered of the deleted run's pods").isEqualTo(2);
  }
}
