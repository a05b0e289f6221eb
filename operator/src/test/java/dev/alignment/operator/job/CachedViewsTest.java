package dev.alignment.operator.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alignment.api.v1alpha1.AlignmentRun;
import dev.alignment.api.v1alpha1.AlignmentRunSpec;
import dev.alignment.api.v1alpha1.Algorithm;
import dev.alignment.api.v1alpha1.ResourceRequest;
import dev.alignment.contract.TrainerCommand;
import dev.alignment.api.v1alpha1.Launcher;
import dev.alignment.operator.config.OperatorConfig;
import dev.alignment.operator.job.jobset.JobSet;
import dev.alignment.operator.job.jobset.JobSetStatus;
import dev.alignment.operator.stage.Launch;
import dev.alignment.operator.policy.PodOverrides;
import dev.alignment.operator.stage.StageRole;
import dev.alignment.operator.stage.StageSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class CachedViewsTest {
  private final Job job = job();

  @Test
  void aCachedJobKeepsWhatThePlannerReadsAndDropsItsPodTemplate() {
    Job withStatus = new JobBuilder(job).editMetadata().addNewManagedField().withManager("kube-controller-manager")
        .endManagedField().endMetadata().withNewStatus().addNewCondition().withType("Complete").withStatus("True")
        .endCondition().endStatus().build();

    Job cached = CachedViews.job(withStatus);

    assertThat(cached.getMetadata().getName()).isEqualTo("demo-sft-1");
    assertThat(cached.getMetadata().getLabels()).isEqualTo(job.getMetadata().getLabels());
    assertThat(cached.getMetadata().getOwnerReferences()).isEqualTo(job.getMetadata().getOwnerReferences());
    assertThat(cached.getMetadata().getManagedFields()).isEmpty();
    assertThat(cached.getStatus().getConditions()).singleElement().satisfies(c -> assertThat(c.getType()).isEqualTo("Complete"));
    assertThat(cached.getSpec()).isNull();
    assertThat(JobStates.observe(cached, List.of())).isEqualTo(JobStates.observe(withStatus, List.of()));
  }

  @Test
  void aCachedPodKeepsTheTrainersPortsAndResourcesAndItsStatus() {
    Pod pod = new PodBuilder().withMetadata(job.getSpec().getTemplate().getMetadata())
        .editMetadata().withName("demo-sft-1-abcde").withNamespace("ns").endMetadata()
        .withSpec(job.getSpec().getTemplate().getSpec())
        .withNewStatus().withPhase("Running").withPodIP("10.0.0.7").endStatus().build();

    Pod cached = CachedViews.pod(pod);

    assertThat(cached.getSpec().getContainers()).singleElement().satisfies(c -> {
      assertThat(c.getPorts()).isEqualTo(pod.getSpec().getContainers().get(0).getPorts());
      assertThat(c.getResources()).isEqualTo(pod.getSpec().getContainers().get(0).getResources());
      assertThat(c.getEnv()).isEmpty();
    });
    assertThat(cached.getSpec().getVolumes()).isEmpty();
    assertThat(cached.getStatus().getPodIP()).isEqualTo("10.0.0.7");
    assertThat(ProgressProbe.isServing(cached)).isTrue();
  }

  @Test
  void aCachedJobSetKeepsItsRolesAndStatusAndObservesAsTheFullOne() {
    JobSet full = JobSetBuilder.desired(MultiNodeJobsTest.run(), MultiNodeJobsTest.stage(
        new Launch("trl", "trl:1", List.of("alignment-trl"), Launcher.Torchrun, 2, 1, List.of()), null), 1,
        MultiNodeJobsTest.settings(null), null);
    full.setStatus(new JobSetStatus());
    full.getStatus().restarts = 1;

    JobSet cached = CachedViews.jobSet(full);

    assertThat(cached.getSpec().replicatedJobs).singleElement().satisfies(r -> {
      assertThat(r.name).isEqualTo("trainer");
      assertThat(r.template).isNull();
    });
    assertThat(cached.getSpec().failurePolicy).isNull();
    assertThat(cached.getMetadata().getLabels()).isEqualTo(full.getMetadata().getLabels());
    assertThat(JobSetStates.observe(cached, List.of())).isEqualTo(JobSetStates.observe(full, List.of()));
  }

  private static Job job() {
    AlignmentRun run = new AlignmentRun();
    run.setMetadata(new ObjectMetaBuilder().withName("demo").withNamespace("ns").withUid("u").build());
    run.setSpec(new AlignmentRunSpec());
    run.getSpec().algorithm = Algorithm.DPO;
    ResourceRequest gpu = new ResourceRequest();
    gpu.gpus = 1;
    StageSpec stage = new StageSpec("sft", List.of(StageRole.only(TrainerCommand.SFT, gpu)), null, null);
    StageRole role = stage.roles().get(0);
    return StageJobBuilder.desiredJob(run, stage, role, 1,
        JobSettings.of(OperatorConfig.defaults(), PodOverrides.NONE));
  }
}
