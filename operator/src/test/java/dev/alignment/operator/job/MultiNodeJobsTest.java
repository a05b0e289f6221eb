package dev.alignment.operator.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alignment.api.v1alpha1.AlignmentRun;
import dev.alignment.api.v1alpha1.EnvVariable;
import dev.alignment.api.v1alpha1.Launcher;
import dev.alignment.api.v1alpha1.ResourceRequest;
import dev.alignment.api.v1alpha1.Scheduling;
import dev.alignment.contract.CommandConfig;
import dev.alignment.operator.Fixtures;
import dev.alignment.operator.stage.Dependencies;
import dev.alignment.operator.stage.Launch;
import dev.alignment.operator.stage.RunPipeline;
import dev.alignment.operator.stage.StageRole;
import dev.alignment.operator.stage.StageSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Roles started by their runtime's Launch: image, entrypoint, torchrun, and several pods as an Indexed Job. */
class MultiNodeJobsTest {
  private static final CommandConfig CONFIG =
      RunPipeline.stages(Fixtures.dpoRun("quickstart"), new Dependencies(Map.of(), Map.of(), Fixtures.URIS)).get(1).config();
  private static final List<String> ENTRYPOINT = List.of("python", "-m", "alignment_trl");
  private final AlignmentRun run = Fixtures.dpoRun("quickstart");
  private final JobSettings settings = settings(null);

  @Test
  void aSinglePodRoleOnARuntimeRunsItsEntrypointInItsImageWithItsEnvBeforeTheSpecs() {
    Launch launch = new Launch("trl", "trl:1", ENTRYPOINT, Launcher.Single, 1, 1,
        List.of(new EnvVariable("HF_HUB_OFFLINE", "1"), new EnvVariable("AWS_REGION", "us-east-1")));
    JobSettings withSpecEnv = new JobSettings("trainer:1", "IfNotPresent", "workspace", null, "4", "2Gi", "",
        List.of(new EnvVariable("AWS_REGION", "eu-west-1")), List.of(), List.of(), 0);

    Job job = StageJobBuilder.desiredJob(run, stage(launch, null), role(launch, null), 1, withSpecEnv);
    Container trainer = trainer(job);

    assertThat(trainer.getImage()).isEqualTo("trl:1");
    assertThat(trainer.getCommand()).containsExactly("python");
    assertThat(trainer.getArgs()).containsExactly("-m", "alignment_trl", "dpo", "--config", "/etc/alignment/stage/config.json");
    List<String> names = trainer.getEnv().stream().map(EnvVar::getName).toList();
    assertThat(names.lastIndexOf("AWS_REGION")).as("the spec's AWS_REGION comes after the runtime's, and wins")
        .isGreaterThan(names.indexOf("AWS_REGION"));
    assertThat(trainer.getEnv()).filteredOn(e -> e.getName().equals("AWS_REGION")).extracting(EnvVar::getValue)
        .containsExactly("us-east-1", "eu-west-1");
    assertThat(names).contains("HF_HUB_OFFLINE").doesNotContainAnyElementsOf(Rendezvous.ENV);
    assertThat(trainer.getVolumeMounts()).as("one process: no shared memory").noneSatisfy(m ->
        assertThat(m.getMountPath()).isEqualTo("/dev/shm"));
    assertThat(job.getSpec().getCompletionMode()).isNull();
    assertThat(job.getSpec().getParallelism()).isNull();
    assertThat(job.getSpec().getTemplate().getSpec().getSubdomain()).isNull();
  }

  @Test
  void aMultiPodTorchrunRoleIsAnIndexedJobWhosePodsReachRankZeroThroughItsPeerService() {
    Launch launch = new Launch("trl", "trl:1", ENTRYPOINT, Launcher.Torchrun, 2, 4, List.of());
    StageRole role = role(launch, null);

    Job job = StageJobBuilder.desiredJob(run, stage(launch, null), role, 3, settings);
    Service peers = StageJobBuilder.desiredPeerService(run, "dpo", role, 3);
    Container trainer = trainer(job);

    assertThat(job.getMetadata().getName()).isEqualTo("quickstart-dpo-3");
    assertThat(job.getSpec().getCompletionMode()).isEqualTo("Indexed");
    assertThat(job.getSpec().getCompletions()).isEqualTo(2);
    assertThat(job.getSpec().getParallelism()).isEqualTo(2);
    assertThat(job.getSpec().getBackoffLimit()).as("one pod's failure fails the whole group").isZero();
    assertThat(job.getSpec().getTemplate().getSpec().getSubdomain()).isEqualTo("quickstart-dpo-peers");
    assertThat(peers.getMetadata().getName()).isEqualTo("quickstart-dpo-peers");
    assertThat(peers.getSpec().getClusterIP()).isEqualTo("None");
    assertThat(peers.getSpec().getPublishNotReadyAddresses()).isTrue();
    assertThat(peers.getSpec().getSelector()).containsEntry(JobLabels.ATTEMPT, "3");
    assertThat(job.getSpec().getTemplate().getMetadata().getLabels()).containsAllEntriesOf(peers.getSpec().getSelector());
    assertThat(peers.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(ref -> assertThat(ref.getUid()).isEqualTo("uid-quickstart"));

    assertThat(trainer.getCommand()).containsExactly("torchrun");
    assertThat(trainer.getArgs()).containsExactly("--nnodes=2", "--nproc-per-node=4", "--node-rank=$(NODE_RANK)",
        "--master-addr=$(MASTER_ADDR)", "--master-port=$(MASTER_PORT)", "--no-python",
        "python", "-m", "alignment_trl", "dpo", "--config", "/etc/alignment/stage/config.json");
    assertThat(value(trainer, "MASTER_ADDR")).isEqualTo("quickstart-dpo-3-0.quickstart-dpo-peers");
    assertThat(value(trainer, "MASTER_PORT")).isEqualTo("29500");
    assertThat(value(trainer, "WORLD_SIZE")).isEqualTo("8");
    assertThat(value(trainer, "NNODES")).isEqualTo("2");
    assertThat(value(trainer, "NPROC_PER_NODE")).isEqualTo("4");
    assertThat(trainer.getEnv()).filteredOn(e -> e.getName().equals("NODE_RANK")).singleElement()
        .satisfies(e -> assertThat(e.getValueFrom().getFieldRef().getFieldPath())
            .isEqualTo("metadata.annotations['batch.kubernetes.io/job-completion-index']"));
    assertThat(value(trainer, "OMP_NUM_THREADS")).as("4 CPUs shared by 4 processes").isEqualTo("1");
    assertThat(trainer.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/dev/shm"));
    assertThat(job.getSpec().getTemplate().getSpec().getVolumes()).filteredOn(v -> v.getName().equals("shm"))
        .singleElement().satisfies(v -> assertThat(v.getEmptyDir().getMedium()).isEqualTo("Memory"));
    assertThat(trainer.getEnv()).extracting(EnvVar::getName)
        .containsExactlyInAnyOrderElementsOf(StageJobBuilder.OPERATOR_ENV);
  }

  @Test
  void aRuntimesEnvDoesNotChangeTheOperatorsOwnVariables() {
    Launch launch = new Launch("trl", "trl:1", ENTRYPOINT, Launcher.Torchrun, 2, 1, List.of(
        new EnvVariable("MASTER_ADDR", "attacker.example"), new EnvVariable("OMP_NUM_THREADS", "64"),
        new EnvVariable("NCCL_DEBUG", "INFO")));

    Container trainer = trainer(StageJobBuilder.desiredJob(run, stage(launch, null), role(launch, null), 1, settings));

    assertThat(trainer.getEnv()).filteredOn(e -> e.getName().equals("MASTER_ADDR")).hasSize(1)
        .allSatisfy(e -> assertThat(e.getValue()).doesNotContain("attacker"));
    assertThat(trainer.getEnv()).filteredOn(e -> e.getName().equals("OMP_NUM_THREADS")).extracting(EnvVar::getValue)
        .containsExactly("4");
    assertThat(value(trainer, "NCCL_DEBUG")).isEqualTo("INFO");
  }

  @Test
  void torchrunInOnePodMeetsItselfOnTheLoopback() {
    Launch launch = new Launch("trl", "trl:1", ENTRYPOINT, Launcher.Torchrun, 1, 2, List.of());

    Container trainer = trainer(StageJobBuilder.desiredJob(run, stage(launch, null), role(launch, null), 1, settings));

    assertThat(value(trainer, "MASTER_ADDR")).isEqualTo("127.0.0.1");
    assertThat(value(trainer, "NODE_RANK")).isEqualTo("0");
    assertThat(value(trainer, "WORLD_SIZE")).isEqualTo("2");
  }

  @Test
  void aQueuedIndexedJobIsLabelledAndSuspendedForKueueAsOneWorkload() {
    Launch launch = new Launch("trl", "trl:1", ENTRYPOINT, Launcher.Torchrun, 2, 1, List.of());
    Scheduling scheduling = new Scheduling();
    scheduling.queueName = "team-a";

    Job job = StageJobBuilder.desiredJob(run, stage(launch, null), role(launch, null), 1, settings(scheduling));

    assertThat(job.getMetadata().getLabels()).containsEntry(JobLabels.KUEUE_QUEUE, "team-a");
    assertThat(job.getSpec().getSuspend()).isTrue();
  }

  @Test
  void theSpecMayNotSetTheRendezvousVariables() {
    assertThat(StageJobBuilder.OPERATOR_ENV).containsAll(List.of(
        "MASTER_ADDR", "MASTER_PORT", "WORLD_SIZE", "NODE_RANK", "NNODES", "NPROC_PER_NODE"));
  }

  static AlignmentRun run() {
    return Fixtures.dpoRun("quickstart");
  }

  static StageRole role(Launch launch, Integer gpus) {
    ResourceRequest compute = new ResourceRequest();
    compute.cpu = new Quantity("4");
    compute.gpus = gpus;
    return new StageRole(null, "dpo", compute, null, launch);
  }

  static StageSpec stage(Launch launch, Integer gpus) {
    return new StageSpec("dpo", List.of(role(launch, gpus)), CONFIG, null);
  }

  static JobSettings settings(Scheduling scheduling) {
    return new JobSettings("trainer:1", "IfNotPresent", "workspace", scheduling, "1", "2Gi", "", List.of(), List.of(),
        List.of(), 0);
  }

  static Container trainer(Job job) {
    return job.getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  static String value(Container trainer, String name) {
    return trainer.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst().orElseThrow().getValue();
  }
}
