package dev.alignment.operator.job;

import dev.alignment.operator.job.jobset.JobSet;
import dev.alignment.operator.job.jobset.JobSetSpec;
import dev.alignment.operator.stage.DerivedNames;
import dev.alignment.operator.stage.StageRole;
import dev.alignment.operator.stage.StageSpec;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobTemplateSpecBuilder;
import java.util.List;
import java.util.Map;

/**
 * The JobSet of a stage attempt that runs as one group: one replicated Job (one replica) per role, each the Job
 * {@link StageJobBuilder} would make for it, Indexed over the role's pods. A pod failure restarts every pod of the
 * group, up to {@link #MAX_RESTARTS} times, all within one attempt; exit code 2 (the Job's pod failure policy)
 * fails it at once. Kueue admits the JobSet as one workload.
 */
public final class JobSetBuilder {
  /** The replicated Job of a stage's only role; a stage of several roles names each after its role. */
  public static final String SINGLE_ROLE = "trainer";
  /** Whole-group restarts within one attempt; the next failure fails the attempt, and the stage's retries apply. */
  static final int MAX_RESTARTS = 2;
  /** The failure policy rule for a trainer that exited 2 (bad input): another restart would fail the same way. */
  static final String BAD_INPUT_RULE = "BadInput";

  private JobSetBuilder() {}

  /**
   * The attempt's JobSet; {@code criticSecret}, when not null, is the attempt's critic token Secret, mounted into
   * every role's pods.
   */
  public static JobSet desired(HasMetadata owner, StageSpec stage, int attempt, JobSettings settings, String criticSecret) {
    String name = DerivedNames.jobSet(owner.getMetadata().getName(), stage.name(), attempt, podNameSuffix(stage));
    Map<String, String> labels = StageJobBuilder.labels(owner, stage.name(), attempt);
    boolean queued = StageJobBuilder.queued(settings);
    if (queued) {
      labels.put(JobLabels.KUEUE_QUEUE, settings.scheduling().queueName);
    }
    JobSetSpec spec = new JobSetSpec();
    spec.replicatedJobs = stage.roles().stream()
        .map(role -> replicatedJob(owner, stage, role, attempt, settings, name, criticSecret)).toList();
    spec.network = new JobSetSpec.Network();
    spec.network.enableDNSHostnames = true;
    // Rank 0 must resolve before its trainer is up: the pods have no readiness probe to wait for.
    spec.network.publishNotReadyAddresses = true;
    spec.failurePolicy = new JobSetSpec.FailurePolicy();
    spec.failurePolicy.maxRestarts = MAX_RESTARTS;
    spec.failurePolicy.rules =
        List.of(new JobSetSpec.Rule(BAD_INPUT_RULE, "FailJobSet", List.of(JobStates.POD_FAILURE_POLICY_REASON)));
    // Kueue admits a queued JobSet, all its pods at once, by unsuspending it.
    spec.suspend = queued ? Boolean.TRUE : null;
    JobSet jobSet = new JobSet();
    jobSet.setMetadata(new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(owner.getMetadata().getNamespace())
        .withLabels(labels)
        .withOwnerReferences(Ownership.controllerReference(owner))
        .build());
    jobSet.setSpec(spec);
    return jobSet;
  }

  /**
   * The longest that the JobSet controller appends to a JobSet's name: {@code -<replicatedJob>-<job>-<pod>} for
   * pod hostnames, and a pod name's 5 random characters after that (its webhook refuses a JobSet whose longest pod
   * name would pass 63).
   */
  static int podNameSuffix(StageSpec stage) {
    return stage.roles().stream()
        .mapToInt(role -> ("-" + replicatedJobName(role.name()) + "-0-" + (pods(role) - 1) + "-xxxxx").length())
        .max().orElse(0);
  }

  private static int pods(StageRole role) {
    return role.launch() == null ? 1 : role.launch().nodes();
  }

  /** The replicated Job of a role: the stage's only one is {@link #SINGLE_ROLE}. */
  static String replicatedJobName(String role) {
    return role == null ? SINGLE_ROLE : role;
  }

  /** The role a replicated Job runs; null for a stage's only role. */
  static String roleOf(String replicatedJob, int replicatedJobs) {
    return replicatedJobs == 1 && SINGLE_ROLE.equals(replicatedJob) ? null : replicatedJob;
  }

  private static JobSetSpec.ReplicatedJob replicatedJob(HasMetadata owner, StageSpec stage, StageRole role, int attempt,
      JobSettings settings, String jobSet, String criticSecret) {
    String replicatedJob = replicatedJobName(role.name());
    boolean multiNode = pods(role) > 1;
    // With DNS hostnames a pod is <jobset>-<replicatedJob>-<jobIndex>-<podIndex> under the JobSet's own Service.
    String master = multiNode ? jobSet + "-" + replicatedJob + "-0-0." + jobSet : Rendezvous.LOOPBACK;
    Job job = StageJobBuilder.job(owner, stage, role, attempt, settings, new StageJobBuilder.Peers(master, null), false);
    if (criticSecret != null) {
      job = CriticTokenSecret.mounted(job, criticSecret);
    }
    return new JobSetSpec.ReplicatedJob(replicatedJob, 1, new JobTemplateSpecBuilder().withSpec(job.getSpec()).build());
  }
}
