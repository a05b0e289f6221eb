package dev.alignment.operator.job;

import dev.alignment.api.v1alpha1.EnvVariable;
import dev.alignment.api.v1alpha1.ResourceRequest;
import dev.alignment.api.v1alpha1.Scheduling;
import dev.alignment.contract.Defaults;
import dev.alignment.contract.ExitCode;
import dev.alignment.operator.stage.DerivedNames;
import dev.alignment.operator.stage.Launch;
import dev.alignment.operator.stage.StageRole;
import dev.alignment.operator.stage.StageSpec;
import dev.alignment.operator.stage.Workspace;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRuleBuilder;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Pure builders of the objects a stage attempt needs: its ConfigMap (the stage config as JSON), one Job per role
 * (an Indexed Job of {@code nodes} pods for a multi-pod role, with a headless Service through which they reach rank
 * 0) and a headless Service for each role that serves its peers. {@link JobSetBuilder} groups the same Jobs. Trainer pods meet the Pod Security Standard
 * {@code restricted}: non-root, read-only root filesystem with an emptyDir at /tmp, no capabilities, seccomp
 * RuntimeDefault, no service-account token.
 * Same inputs, same objects: the reconciler only creates what these describe.
 */
public final class StageJobBuilder {
  public static final String CONTAINER = "trainer";
  public static final String CONFIG_KEY = "config.json";
  public static final String CONFIG_DIR = "/etc/alignment/stage";
  /** The name of the trainer container's port that serves {@link Defaults#METRICS_PORT}. */
  public static final String METRICS_PORT_NAME = "metrics";
  public static final String GPU_RESOURCE = "nvidia.com/gpu";
  /** The most compute threads a trainer is told to use, as many as the largest CPU request admitted. */
  static final int MAX_THREADS = 1024;
  /** The user and group trainer pods run as: the reference image's USER. */
  static final long TRAINER_UID = 65532;
  /** The only writable path outside the workspace (the root filesystem is read-only): JVM and library temp files. */
  static final String TMP_DIR = "/tmp";
  static final String TMP_SIZE_LIMIT = "2Gi";
  /** Shared memory of the processes of a pod that runs several (torchrun --nproc-per-node > 1). */
  static final String SHM_DIR = "/dev/shm";
  static final String SHM_SIZE_LIMIT = "2Gi";
  /** The environment variables the operator sets in every trainer container; no spec may set them. */
  static final Set<String> OPERATOR_ENV = Stream.concat(
      Stream.of("OMP_NUM_THREADS", "ALIGNMENT_NAMESPACE", "ALIGNMENT_OWNER", "ALIGNMENT_STAGE", "ALIGNMENT_ATTEMPT",
          "POD_NAME"),
      Rendezvous.ENV.stream()).collect(Collectors.toUnmodifiableSet());
  /** The trainer command of a role without a runtime: the operator's trainer image's. */
  static final String REFERENCE_ENTRYPOINT = "alignment-trainer";

  private StageJobBuilder() {}

  public static ConfigMap desiredConfigMap(HasMetadata owner, StageSpec stage) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(DerivedNames.stageConfigMap(owner.getMetadata().getName(), stage.name()))
        .withNamespace(owner.getMetadata().getNamespace())
        .withLabels(labels(owner, stage.name(), null))
        .withOwnerReferences(Ownership.controllerReference(owner))
        .endMetadata()
        .withData(Map.of(CONFIG_KEY, stage.configJson()))
        .build();
  }

  /**
   * The Job of one role of a stage attempt: one pod, or for a multi-pod role an Indexed Job of {@code nodes} pods
   * whose hostnames {@code <job>-<index>} resolve under {@link #desiredPeerService}, rank 0 being the rendezvous.
   */
  public static Job desiredJob(HasMetadata owner, StageSpec stage, StageRole role, int attempt, JobSettings settings) {
    String name = DerivedNames.job(owner.getMetadata().getName(), stage.name(), role.name(), attempt);
    if (role.launch() == null || !role.launch().multiNode()) {
      return job(owner, stage, role, attempt, settings, new Peers(Rendezvous.LOOPBACK, null), true);
    }
    String service = peerServiceName(owner, stage.name(), role);
    return job(owner, stage, role, attempt, settings, new Peers(name + "-0." + service, service), true);
  }

  /**
   * Where a role's pods find rank 0.
   *
   * @param masterAddr rank 0's address
   * @param subdomain the headless Service the pods' hostnames resolve under; null where the pod needs none
   */
  record Peers(String masterAddr, String subdomain) {}

  /**
   * A role's Job; {@code queueable} gives it the Kueue queue label and creates it suspended when the spec names a
   * queue (not for a JobSet's Jobs: Kueue admits the JobSet).
   */
  static Job job(HasMetadata owner, StageSpec stage, StageRole role, int attempt, JobSettings settings, Peers peers,
      boolean queueable) {
    String name = DerivedNames.job(owner.getMetadata().getName(), stage.name(), role.name(), attempt);
    Map<String, String> labels = roleLabels(owner, stage.name(), role, attempt);
    Scheduling scheduling = settings.scheduling() == null ? new Scheduling() : settings.scheduling();
    Map<String, String> jobLabels = new LinkedHashMap<>(labels);
    boolean queued = queueable && queued(settings);
    if (queued) {
      jobLabels.put(JobLabels.KUEUE_QUEUE, scheduling.queueName);
    }
    Integer pods = role.launch() != null && role.launch().multiNode() ? role.launch().nodes() : null;
    return new JobBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(owner.getMetadata().getNamespace())
        .withLabels(jobLabels)
        .withOwnerReferences(Ownership.controllerReference(owner))
        .endMetadata()
        .withNewSpec()
        // Kueue admits a queued Job by unsuspending it.
        .withSuspend(queued ? Boolean.TRUE : null)
        // Attempts are ours: each retry is a new Job that resumes from the stage's checkpoints. In a multi-pod role
        // one pod's failure fails the Job, and so the whole group.
        .withBackoffLimit(0)
        .withCompletionMode(pods == null ? null : "Indexed")
        .withCompletions(pods)
        .withParallelism(pods)
        .withNewPodFailurePolicy()
        .withRules(failOnBadInput(), ignoreDisruptions())
        .endPodFailurePolicy()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(labels)
        .withAnnotations(
            Map.of(
                "prometheus.io/scrape", "true",
                "prometheus.io/port", String.valueOf(Defaults.METRICS_PORT),
                "prometheus.io/path", "/metrics"))
        .endMetadata()
        .withNewSpec()
        .withRestartPolicy("Never")
        .withSubdomain(peers.subdomain())
        .withServiceAccountName(blankToNull(settings.serviceAccount()))
        // Trainers never call the API server.
        .withAutomountServiceAccountToken(false)
        .withSecurityContext(restrictedPod())
        .withActiveDeadlineSeconds(settings.activeDeadlineSeconds() > 0 ? settings.activeDeadlineSeconds() : null)
        .withImagePullSecrets(settings.imagePullSecrets().stream().map(LocalObjectReference::new).toList())
        .withNodeSelector(scheduling.nodeSelector)
        .withTolerations(scheduling.tolerations)
        .withPriorityClassName(scheduling.priorityClassName)
        .withContainers(container(owner, stage, role, attempt, settings, peers))
        .withVolumes(volumes(owner, stage, role, settings))
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  /** Whether the spec names a Kueue queue: the stage's workloads are then admitted by Kueue. */
  static boolean queued(JobSettings settings) {
    return settings.scheduling() != null && settings.scheduling().queueName != null
        && !settings.scheduling().queueName.isBlank();
  }

  /**
   * The headless Service {@code <owner>-<stage>[-<role>]-peers} under which the pods of a multi-pod role's Indexed
   * Job resolve as {@code <job>-<index>}: it selects the role's pods of the given attempt, not-ready ones included
   * (rank 0 must resolve before its trainer listens), so a retry moves it to the new pods.
   */
  public static Service desiredPeerService(HasMetadata owner, String stage, StageRole role, int attempt) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withName(peerServiceName(owner, stage, role))
        .withNamespace(owner.getMetadata().getNamespace())
        .withLabels(roleLabels(owner, stage, role, null))
        .withOwnerReferences(Ownership.controllerReference(owner))
        .endMetadata()
        .withNewSpec()
        .withClusterIP("None")
        .withPublishNotReadyAddresses(true)
        .withSelector(roleLabels(owner, stage, role, attempt))
        .endSpec()
        .build();
  }

  private static String peerServiceName(HasMetadata owner, String stage, StageRole role) {
    return DerivedNames.service(owner.getMetadata().getName(), stage, role.name() == null ? "peers" : role.name() + "-peers");
  }

  /**
   * The headless Service {@code <owner>-<stage>-<role>} through which peers reach a serving role (the PPO critic):
   * it selects that role's pod of the given attempt, so a retry moves it to the new pod.
   */
  public static Service desiredService(HasMetadata owner, String stage, StageRole role, int attempt) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withName(DerivedNames.service(owner.getMetadata().getName(), stage, role.name()))
        .withNamespace(owner.getMetadata().getNamespace())
        .withLabels(roleLabels(owner, stage, role, null))
        .withOwnerReferences(Ownership.controllerReference(owner))
        .endMetadata()
        .withNewSpec()
        .withClusterIP("None")
        .withSelector(roleLabels(owner, stage, role, attempt))
        .addNewPort()
        .withName(role.name())
        .withPort(role.servicePort())
        .withNewTargetPort(role.servicePort())
        .endPort()
        .endSpec()
        .build();
  }

  private static Container container(
      HasMetadata owner, StageSpec stage, StageRole role, int attempt, JobSettings settings, Peers peers) {
    List<VolumeMount> mounts = new ArrayList<>();
    mounts.add(new VolumeMountBuilder().withName("workspace").withMountPath(Workspace.ROOT).build());
    mounts.add(new VolumeMountBuilder().withName("stage-config").withMountPath(CONFIG_DIR).withReadOnly(true).build());
    mounts.add(new VolumeMountBuilder().withName("tmp").withMountPath(TMP_DIR).build());
    if (sharesMemory(role)) {
      mounts.add(new VolumeMountBuilder().withName("shm").withMountPath(SHM_DIR).build());
    }
    if (stage.inputConfigMap() != null) {
      mounts.add(
          new VolumeMountBuilder().withName("input").withMountPath(StageSpec.INPUT_DIR).withReadOnly(true).build());
    }
    Launch launch = role.launch();
    List<String> trainerArgs = List.of(role.command(), "--config", CONFIG_DIR + "/" + CONFIG_KEY);
    List<String> line = launch == null
        ? concat(List.of(REFERENCE_ENTRYPOINT), trainerArgs) : Rendezvous.commandLine(launch, trainerArgs);
    int processes = launch == null ? 1 : launch.processesPerNode();
    return new ContainerBuilder()
        .withName(CONTAINER)
        .withImage(launch == null ? settings.image() : launch.image())
        .withImagePullPolicy(settings.imagePullPolicy())
        .withCommand(line.get(0))
        .withArgs(line.subList(1, line.size()))
        .withEnv(env(owner, stage, attempt, Math.max(1, threads(role.resources(), settings) / processes)))
        .addAllToEnv(Rendezvous.needed(launch) ? Rendezvous.env(launch, peers.masterAddr()) : List.of())
        // The runtime's defaults first, so that the spec's variables of the same name win; the operator's own
        // variables (threads, identity, rendezvous) are not a runtime's to change.
        .addAllToEnv(launch == null ? List.of() : toEnvVars(launch.env().stream()
            .filter(e -> !OPERATOR_ENV.contains(e.name)).toList()))
        .addAllToEnv(toEnvVars(settings.env()))
        .withEnvFrom(envFrom(settings))
        .withPorts(ports(role))
        .withResources(resources(role.resources(), settings))
        .withVolumeMounts(mounts)
        // If the trainer dies before writing its JSON summary, the log tail becomes the message.
        .withTerminationMessagePolicy("FallbackToLogsOnError")
        .withNewSecurityContext()
        .withAllowPrivilegeEscalation(false)
        .withReadOnlyRootFilesystem(true)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .endSecurityContext()
        .build();
  }

  /** The Pod Security Standard {@code restricted} at pod level; the container adds the rest. */
  private static PodSecurityContext restrictedPod() {
    return new PodSecurityContextBuilder()
        .withRunAsNonRoot(true)
        .withRunAsUser(TRAINER_UID)
        .withRunAsGroup(TRAINER_UID)
        // Makes volumes that support ownership (not hostPath) writable by the trainer.
        .withFsGroup(TRAINER_UID)
        .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
        .build();
  }

  /** Variables of the spec (after the operator's policy allowed their names) or of a runtime, as a container has them. */
  private static List<EnvVar> toEnvVars(List<EnvVariable> variables) {
    return variables.stream().map(e -> e.valueFrom == null
        ? new EnvVar(e.name, e.value, null)
        : new EnvVarBuilder().withName(e.name).withNewValueFrom().withNewSecretKeyRef()
            .withName(e.valueFrom.secretKeyRef.name).withKey(e.valueFrom.secretKeyRef.key)
            .endSecretKeyRef().endValueFrom().build()).toList();
  }

  /** The spec's Secrets expanded into variables; the operator's own variables take precedence over them. */
  private static List<EnvFromSource> envFrom(JobSettings settings) {
    return settings.envFrom().stream().map(e -> new EnvFromSourceBuilder().withPrefix(e.prefix)
        .withNewSecretRef().withName(e.secretRef.name).endSecretRef().build()).toList();
  }

  private static List<EnvVar> env(HasMetadata owner, StageSpec stage, int attempt, int threads) {
    return List.of(
        // PyTorch sizes its thread pool from the node's cores, not the pod's CPU request; oversubscribed, a
        // trainer runs several times slower. Every PyTorch trainer honours OMP_NUM_THREADS.
        new EnvVar("OMP_NUM_THREADS", String.valueOf(threads), null),
        new EnvVar("ALIGNMENT_NAMESPACE", owner.getMetadata().getNamespace(), null),
        new EnvVar("ALIGNMENT_OWNER", owner.getMetadata().getName(), null),
        new EnvVar("ALIGNMENT_STAGE", stage.name(), null),
        new EnvVar("ALIGNMENT_ATTEMPT", String.valueOf(attempt), null),
        new EnvVarBuilder().withName("POD_NAME").withNewValueFrom().withNewFieldRef().withFieldPath("metadata.name")
            .endFieldRef().endValueFrom().build());
  }

  private static List<ContainerPort> ports(StageRole role) {
    List<ContainerPort> ports = new ArrayList<>();
    ports.add(new ContainerPortBuilder().withName(METRICS_PORT_NAME).withContainerPort(Defaults.METRICS_PORT).build());
    if (role.servicePort() != null) {
      ports.add(new ContainerPortBuilder().withName(role.name()).withContainerPort(role.servicePort()).build());
    }
    return ports;
  }

  /** Compute threads for the trainer: its CPU request, rounded up, at least one and at most {@link #MAX_THREADS}. */
  static int threads(ResourceRequest request, JobSettings settings) {
    Quantity cpu = request != null && request.cpu != null ? request.cpu : new Quantity(settings.defaultCpu());
    BigDecimal cores = Quantity.getAmountInBytes(cpu).setScale(0, RoundingMode.CEILING);
    return cores.max(BigDecimal.ONE).min(BigDecimal.valueOf(MAX_THREADS)).intValue();
  }

  private static ResourceRequirements resources(ResourceRequest request, JobSettings settings) {
    ResourceRequest r = request == null ? new ResourceRequest() : request;
    Quantity cpu = r.cpu != null ? r.cpu : new Quantity(settings.defaultCpu());
    Quantity memory = r.memory != null ? r.memory : new Quantity(settings.defaultMemory());
    Map<String, Quantity> requests = new LinkedHashMap<>(Map.of("cpu", cpu, "memory", memory));
    // No CPU limit: throttling slows training and buys nothing on a dedicated node.
    Map<String, Quantity> limits = new LinkedHashMap<>(Map.of("memory", memory));
    if (r.gpus != null && r.gpus > 0) {
      requests.put(GPU_RESOURCE, new Quantity(String.valueOf(r.gpus)));
      limits.put(GPU_RESOURCE, new Quantity(String.valueOf(r.gpus)));
    }
    return new ResourceRequirementsBuilder().withRequests(requests).withLimits(limits).build();
  }

  /**
   * Whether a role's processes share a pod: NCCL and DataLoader workers pass data through /dev/shm, which a
   * container gets at 64Mi.
   */
  private static boolean sharesMemory(StageRole role) {
    return role.launch() != null && role.launch().processesPerNode() > 1;
  }

  private static List<Volume> volumes(HasMetadata owner, StageSpec stage, StageRole role, JobSettings settings) {
    List<Volume> volumes = new ArrayList<>();
    volumes.add(
        new VolumeBuilder().withName("workspace").withNewPersistentVolumeClaim()
            .withClaimName(settings.workspaceClaim()).endPersistentVolumeClaim().build());
    volumes.add(
        new VolumeBuilder().withName("stage-config").withNewConfigMap()
            .withName(DerivedNames.stageConfigMap(owner.getMetadata().getName(), stage.name())).endConfigMap().build());
    if (stage.inputConfigMap() != null) {
      volumes.add(
          new VolumeBuilder().withName("input").withNewConfigMap()
              .withName(stage.inputConfigMap()).endConfigMap().build());
    }
    volumes.add(new VolumeBuilder().withName("tmp").withNewEmptyDir()
        .withSizeLimit(new Quantity(TMP_SIZE_LIMIT)).endEmptyDir().build());
    if (sharesMemory(role)) {
      // Memory-backed: what is written there counts against the pod's memory limit.
      volumes.add(new VolumeBuilder().withName("shm").withNewEmptyDir().withMedium("Memory")
          .withSizeLimit(new Quantity(SHM_SIZE_LIMIT)).endEmptyDir().build());
    }
    return volumes;
  }

  private static PodFailurePolicyRule failOnBadInput() {
    return new PodFailurePolicyRuleBuilder()
        .withAction("FailJob")
        .withNewOnExitCodes()
        .withContainerName(CONTAINER)
        .withOperator("In")
        .withValues(ExitCode.BAD_INPUT.code())
        .endOnExitCodes()
        .build();
  }

  private static PodFailurePolicyRule ignoreDisruptions() {
    return new PodFailurePolicyRuleBuilder()
        .withAction("Ignore")
        .addNewOnPodCondition()
        .withType("DisruptionTarget")
        .withStatus("True")
        .endOnPodCondition()
        .build();
  }

  private static Map<String, String> roleLabels(HasMetadata owner, String stage, StageRole role, Integer attempt) {
    Map<String, String> labels = labels(owner, stage, attempt);
    if (role.name() != null) {
      labels.put(JobLabels.ROLE, role.name());
    }
    return labels;
  }

  static Map<String, String> labels(HasMetadata owner, String stage, Integer attempt) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(JobLabels.NAME, JobLabels.TRAINER);
    labels.put(JobLabels.MANAGED_BY, JobLabels.OPERATOR);
    labels.put(JobLabels.OWNER_KIND, owner.getKind());
    labels.put(JobLabels.OWNER, owner.getMetadata().getName());
    labels.put(JobLabels.STAGE, stage);
    if (attempt != null) {
      labels.put(JobLabels.ATTEMPT, String.valueOf(attempt));
    }
    return labels;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return Stream.concat(a.stream(), b.stream()).toList();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
