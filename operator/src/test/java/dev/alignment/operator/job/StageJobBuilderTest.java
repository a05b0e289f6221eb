package dev.alignment.operator.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alignment.api.v1alpha1.AlignmentRun;
import dev.alignment.api.v1alpha1.EnvFromSecret;
import dev.alignment.api.v1alpha1.EnvValueSource;
import dev.alignment.api.v1alpha1.EnvVariable;
import dev.alignment.api.v1alpha1.ResourceRequest;
import dev.alignment.api.v1alpha1.Scheduling;
import dev.alignment.api.v1alpha1.SecretKeyRef;
import dev.alignment.contract.CommandConfig;
import dev.alignment.contract.TrainerCommand;
import dev.alignment.operator.Fixtures;
import dev.alignment.operator.stage.Dependencies;
import dev.alignment.operator.stage.RunPipeline;
import dev.alignment.operator.stage.StageRole;
import dev.alignment.operator.stage.StageSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StageJobBuilderTest {
  /** The dpo stage's config as the operator builds it for this test's run. */
  private static final CommandConfig CONFIG =
      RunPipeline.stages(Fixtures.dpoRun("quickstart"), new Dependencies(Map.of(), Map.of(), Fixtures.URIS)).get(1).config();
  private final AlignmentRun run = Fixtures.dpoRun("quickstart");
  private final JobSettings settings = settings(null, List.of(), List.of(), List.of(), 0);

  @Test
  void jobIsNamedOwnedAndLabelledForItsStageAttempt() {
    Job job = onlyJob(stage(null), 3, settings);

    assertThat(job.getMetadata().getName()).isEqualTo("quickstart-dpo-3");
    assertThat(job.getMetadata().getNamespace()).isEqualTo("team-a");
    assertThat(job.getMetadata().getLabels()).containsEntry(JobLabels.OWNER_KIND, "AlignmentRun")
        .containsEntry(JobLabels.OWNER, "quickstart").containsEntry(JobLabels.STAGE, "dpo")
        .containsEntry(JobLabels.ATTEMPT, "3").containsEntry(JobLabels.MANAGED_BY, "alignment-operator");
    assertThat(job.getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> {
      assertThat(ref.getKind()).isEqualTo("AlignmentRun");
      assertThat(ref.getUid()).isEqualTo("uid-quickstart");
      assertThat(ref.getController()).isTrue();
      assertThat(ref.getBlockOwnerDeletion()).isTrue();
    });
  }

  @Test
  void trainerRunsTheStageCommandWithItsConfigAndWorkspace() {
    Job job = onlyJob(stage(null), 1, settings);
    PodSpec pod = job.getSpec().getTemplate().getSpec();
    Container trainer = pod.getContainers().get(0);

    assertThat(trainer.getName()).isEqualTo("trainer");
    assertThat(trainer.getImage()).isEqualTo("trainer:1");
    assertThat(trainer.getCommand()).containsExactly("alignment-trainer");
    assertThat(trainer.getArgs()).containsExactly("dpo", "--config", "/etc/alignment/stage/config.json");
    assertThat(trainer.getVolumeMounts()).extracting("mountPath").contains("/workspace", "/etc/alignment/stage");
    assertThat(pod.getVolumes()).anySatisfy(v -> assertThat(v.getPersistentVolumeClaim().getClaimName()).isEqualTo("workspace"));
    assertThat(pod.getVolumes()).filteredOn(v -> v.getConfigMap() != null).extracting(v -> v.getConfigMap().getName())
        .containsExactly("quickstart-dpo-config");
    assertThat(pod.getRestartPolicy()).isEqualTo("Never");
    assertThat(trainer.getTerminationMessagePolicy()).isEqualTo("FallbackToLogsOnError");
    assertThat(trainer.getPorts()).singleElement().satisfies(p -> assertThat(p.getContainerPort()).isEqualTo(9400));
    assertThat(trainer.getEnv()).anySatisfy(e -> {
      assertThat(e.getName()).isEqualTo("ALIGNMENT_ATTEMPT");
      assertThat(e.getValue()).isEqualTo("1");
    });
  }

  @Test
  void exitCodeTwoFailsTheJobAndEachAttemptGetsOnePod() {
    Job job = onlyJob(stage(null), 1, settings);

    assertThat(job.getSpec().getBackoffLimit()).isZero();
    assertThat(job.getSpec().getPodFailurePolicy().getRules()).anySatisfy(rule -> {
      assertThat(rule.getAction()).isEqualTo("FailJob");
      assertThat(rule.getOnExitCodes().getContainerName()).isEqualTo("trainer");
      assertThat(rule.getOnExitCodes().getOperator()).isEqualTo("In");
      assertThat(rule.getOnExitCodes().getValues()).containsExactly(2);
    });
    assertThat(job.getSpec().getPodFailurePolicy().getRules()).anySatisfy(rule -> {
      assertThat(rule.getAction()).isEqualTo("Ignore");
      assertThat(rule.getOnPodConditions()).singleElement().satisfies(c -> assertThat(c.getType()).isEqualTo("DisruptionTarget"));
    });
  }

  @Test
  void gpusAreRequestedAsTheExtendedResourceAndDefaultsFillTheRest() {
    ResourceRequest request = new ResourceRequest();
    request.gpus = 2;
    request.memory = new Quantity("8Gi");

    Container trainer = onlyJob(stage(request), 1, settings)
        .getSpec().getTemplate().getSpec().getContainers().get(0);

    assertThat(trainer.getResources().getRequests()).containsEntry("nvidia.com/gpu", new Quantity("2"))
        .containsEntry("memory", new Quantity("8Gi")).containsEntry("cpu", new Quantity("1"));
    assertThat(trainer.getResources().getLimits()).containsEntry("nvidia.com/gpu", new Quantity("2"))
        .containsEntry("memory", new Quantity("8Gi")).doesNotContainKey("cpu");
  }

  @Test
  void threadCountFollowsTheCpuRequestRoundedUp() {
    ResourceRequest half = new ResourceRequest();
    half.cpu = new Quantity("500m");
    ResourceRequest three = new ResourceRequest();
    three.cpu = new Quantity("2500m");

    assertThat(StageJobBuilder.threads(half, settings)).isEqualTo(1);
    assertThat(StageJobBuilder.threads(three, settings)).isEqualTo(3);
    assertThat(StageJobBuilder.threads(null, settings)).as("operator default cpu 1").isEqualTo(1);
    Container trainer = onlyJob(stage(three), 1, settings)
        .getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(trainer.getEnv()).anySatisfy(e -> {
      assertThat(e.getName()).isEqualTo("OMP_NUM_THREADS");
      assertThat(e.getValue()).isEqualTo("3");
    });
  }

  @Test
  void schedulingIsCopiedAndAQueueSuspendsTheJobForKueue() {
    Scheduling scheduling = new Scheduling();
    scheduling.nodeSelector = Map.of("gpu-type", "h100");
    scheduling.tolerations = List.of(new TolerationBuilder().withKey("nvidia.com/gpu").withOperator("Exists")
        .withEffect("NoSchedule").build());
    scheduling.priorityClassName = "research";
    scheduling.queueName = "team-a-queue";
    JobSettings queued = settings(scheduling, List.of(), List.of(), List.of(), 0);

    Job job = onlyJob(stage(null), 1, queued);
    PodSpec pod = job.getSpec().getTemplate().getSpec();

    assertThat(job.getMetadata().getLabels()).containsEntry("kueue.x-k8s.io/queue-name", "team-a-queue");
    assertThat(job.getSpec().getSuspend()).isTrue();
    assertThat(pod.getNodeSelector()).containsEntry("gpu-type", "h100");
    assertThat(pod.getTolerations()).singleElement().satisfies(t -> assertThat(t.getKey()).isEqualTo("nvidia.com/gpu"));
    assertThat(pod.getPriorityClassName()).isEqualTo("research");
  }

  @Test
  void noQueueMeansTheJobStartsUnsuspended() {
    assertThat(onlyJob(stage(null), 1, settings).getSpec().getSuspend()).isNull();
  }

  @Test
  void configMapHoldsTheStageConfigAsJson() {
    var cm = StageJobBuilder.desiredConfigMap(run, stage(null));

    assertThat(cm.getMetadata().getName()).isEqualTo("quickstart-dpo-config");
    assertThat(cm.getMetadata().getOwnerReferences()).hasSize(1);
    assertThat(cm.getData().get("config.json")).contains("\"beta\" : 0.1").contains("\"loss\" : \"DPO\"");
  }

  @Test
  void inputConfigMapIsMountedReadOnly() {
    StageSpec validate = new StageSpec("validate", List.of(StageRole.only(TrainerCommand.VALIDATE_DATASET, null)), CONFIG, "user-pairs");

    PodSpec pod = onlyJob(validate, 1, settings).getSpec().getTemplate().getSpec();

    assertThat(pod.getVolumes()).filteredOn(v -> v.getConfigMap() != null).extracting(v -> v.getConfigMap().getName())
        .containsExactly("quickstart-validate-config", "user-pairs");
    assertThat(pod.getContainers().get(0).getVolumeMounts()).anySatisfy(m -> {
      assertThat(m.getMountPath()).isEqualTo("/etc/alignment/input");
      assertThat(m.getReadOnly()).isTrue();
    });
  }

  @Test
  void splitPpoRunsActorAndCriticJobsAndTheCriticIsReachedThroughAHeadlessServiceOfItsAttempt() {
    ResourceRequest criticCompute = new ResourceRequest();
    criticCompute.gpus = 1;
    StageSpec ppo = new StageSpec("ppo", List.of(
        new StageRole("actor", "ppo-actor", null, null, null),
        new StageRole("critic", "ppo-critic", criticCompute, 8080, null)), CONFIG, null);

    Job actor = StageJobBuilder.desiredJob(run, ppo, ppo.roles().get(0), 2, settings);
    Job critic = StageJobBuilder.desiredJob(run, ppo, ppo.roles().get(1), 2, settings);
    Service service = StageJobBuilder.desiredService(run, "ppo", ppo.roles().get(1), 2);

    assertThat(actor.getMetadata().getName()).isEqualTo("quickstart-ppo-actor-2");
    assertThat(critic.getMetadata().getName()).isEqualTo("quickstart-ppo-critic-2");
    Container criticContainer = critic.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(criticContainer.getArgs()).startsWith("ppo-critic");
    assertThat(criticContainer.getResources().getLimits()).containsEntry("nvidia.com/gpu", new Quantity("1"));
    assertThat(criticContainer.getPorts()).extracting(p -> p.getName() + ":" + p.getContainerPort())
        .containsExactly("metrics:9400", "critic:8080");
    assertThat(actor.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getLimits())
        .doesNotContainKey("nvidia.com/gpu");
    assertThat(service.getMetadata().getName()).isEqualTo("quickstart-ppo-critic");
    assertThat(service.getSpec().getClusterIP()).isEqualTo("None");
    assertThat(critic.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(service.getSpec().getSelector());
    assertThat(service.getSpec().getSelector()).containsEntry("alignment.dev/role", "critic")
        .containsEntry("alignment.dev/attempt", "2");
    assertThat(actor.getSpec().getTemplate().getMetadata().getLabels())
        .doesNotContainEntry("alignment.dev/role", "critic");
  }

  @Test
  void podsMeetTheRestrictedPodSecurityStandard() {
    PodSpec pod = onlyJob(stage(null), 1, settings).getSpec().getTemplate().getSpec();
    Container trainer = pod.getContainers().get(0);

    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(65532L);
    assertThat(pod.getSecurityContext().getRunAsGroup()).isEqualTo(65532L);
    assertThat(pod.getSecurityContext().getFsGroup()).isEqualTo(65532L);
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    assertThat(trainer.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(trainer.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(trainer.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(trainer.getSecurityContext().getCapabilities().getAdd()).isNullOrEmpty();
    assertThat(trainer.getSecurityContext().getPrivileged()).isNull();
    assertThat(pod.getHostNetwork()).isNull();
    assertThat(trainer.getVolumeMounts()).anySatisfy(m -> {
      assertThat(m.getMountPath()).isEqualTo("/tmp");
      assertThat(m.getName()).isEqualTo("tmp");
      assertThat(m.getReadOnly()).isNull();
    });
    assertThat(pod.getVolumes()).filteredOn(v -> v.getName().equals("tmp")).singleElement()
        .satisfies(v -> assertThat(v.getEmptyDir().getSizeLimit()).isEqualTo(new Quantity("2Gi")));
    assertThat(pod.getActiveDeadlineSeconds()).as("no deadline configured").isNull();
    assertThat(pod.getImagePullSecrets()).isEmpty();
  }

  @Test
  void specEnvSecretsPullSecretsAndDeadlineReachThePod() {
    EnvVariable region = new EnvVariable("AWS_REGION", "eu-west-1");
    EnvVariable key = new EnvVariable();
    key.name = "AWS_SECRET_ACCESS_KEY";
    key.valueFrom = new EnvValueSource();
    key.valueFrom.secretKeyRef = new SecretKeyRef("s3-credentials", "secret-key");
    JobSettings withEnv = settings(null, List.of(region, key), List.of(new EnvFromSecret("HF_", "hub")),
        List.of("registry-pull"), 3600);

    PodSpec pod = onlyJob(stage(null), 1, withEnv).getSpec().getTemplate().getSpec();
    Container trainer = pod.getContainers().get(0);

    assertThat(trainer.getEnv()).anySatisfy(e -> {
      assertThat(e.getName()).isEqualTo("AWS_REGION");
      assertThat(e.getValue()).isEqualTo("eu-west-1");
    });
    assertThat(trainer.getEnv()).anySatisfy(e -> {
      assertThat(e.getName()).isEqualTo("AWS_SECRET_ACCESS_KEY");
      assertThat(e.getValue()).isNull();
      assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("s3-credentials");
      assertThat(e.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("secret-key");
    });
    assertThat(trainer.getEnvFrom()).singleElement().satisfies(e -> {
      assertThat(e.getPrefix()).isEqualTo("HF_");
      assertThat(e.getSecretRef().getName()).isEqualTo("hub");
      assertThat(e.getConfigMapRef()).isNull();
    });
    assertThat(pod.getImagePullSecrets()).extracting(r -> r.getName()).containsExactly("registry-pull");
    assertThat(pod.getActiveDeadlineSeconds()).isEqualTo(3600L);
  }

  @Test
  void theOperatorsOwnVariablesAreTheReservedNamesWithoutTheRendezvousOnOnePod() {
    Container trainer = onlyJob(stage(null), 1, settings).getSpec().getTemplate().getSpec().getContainers().get(0);

    assertThat(trainer.getEnv()).extracting(e -> e.getName())
        .containsExactlyInAnyOrderElementsOf(StageJobBuilder.OPERATOR_ENV.stream()
            .filter(name -> !Rendezvous.ENV.contains(name)).toList());
  }

  private static JobSettings settings(Scheduling scheduling, List<EnvVariable> env, List<EnvFromSecret> envFrom,
      List<String> pullSecrets, long deadline) {
    return new JobSettings("trainer:1", "IfNotPresent", "workspace", scheduling, "1", "2Gi", "", env, envFrom,
        pullSecrets, deadline);
  }

  private static Job onlyJob(StageSpec stage, int attempt, JobSettings settings) {
    return StageJobBuilder.desiredJob(Fixtures.dpoRun("quickstart"), stage, stage.roles().get(0), attempt, settings);
  }

  private static StageSpec stage(ResourceRequest resources) {
    return new StageSpec("dpo", TrainerCommand.DPO, CONFIG, resources, null);
  }
}
