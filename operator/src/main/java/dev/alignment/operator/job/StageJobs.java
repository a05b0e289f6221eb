package dev.alignment.operator.job;

import dev.alignment.api.v1alpha1.StagePhase;
import dev.alignment.api.v1alpha1.StageStatus;
import dev.alignment.operator.job.jobset.JobSet;
import dev.alignment.operator.stage.ObservedJob;
import dev.alignment.operator.stage.RefusedCreate;
import dev.alignment.operator.stage.StageAction;
import dev.alignment.operator.stage.StageRole;
import dev.alignment.operator.stage.StageSpec;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The I/O around stage workloads (Jobs, and JobSets where the JobSet API is installed): observing them (with their
 * pods' termination messages) and carrying out actions.
 *
 * <p>A stage attempt is a JobSet when it must run as one group: a role of several pods, or several roles that Kueue
 * must admit together (the spec names a queue). Without the JobSet API a multi-pod role is an Indexed Job with a
 * headless Service for its pods' names, and the roles of a stage stay separate Jobs (not a gang).
 */
public final class StageJobs {
  private final KubernetesClient client;
  private final boolean jobSets;

  /** {@code jobSets}: whether the JobSet API is installed. */
  public StageJobs(KubernetesClient client, boolean jobSets) {
    this.client = client;
    this.jobSets = jobSets;
  }

  /** Stage workloads on the cluster {@code client} talks to, with JobSets if its API server serves them now. */
  public static StageJobs discover(KubernetesClient client) {
    return new StageJobs(client, client.supports(JobSet.class));
  }

  /** Whether the JobSet API was installed when the operator started: JobSets are then watched and created. */
  public boolean jobSets() {
    return jobSets;
  }

  /** Whether an attempt of {@code stage} runs as one JobSet. */
  boolean asJobSet(StageSpec stage, JobSettings settings) {
    boolean multiNode = stage.roles().stream().anyMatch(r -> r.launch() != null && r.launch().multiNode());
    boolean gang = stage.roles().size() > 1 && StageJobBuilder.queued(settings);
    return jobSets && (multiNode || gang);
  }

  /**
   * Observes the owner's stage Jobs and JobSets. {@code cachedJobs} and {@code cachedJobSets} come from the
   * informers; a workload the status says is running but the caches lack is looked up live (a Job by the name the
   * status gives, a JobSet by its attempt's labels), so a cache that lags behind a create is not taken for a
   * deletion. Pods are read only for finished workloads whose outcome the status has not recorded yet.
   */
  public List<ObservedJob> observe(
      HasMetadata owner, Collection<Job> cachedJobs, Collection<JobSet> cachedJobSets, List<StageStatus> recorded) {
    String namespace = owner.getMetadata().getNamespace();
    // The informer maps Jobs to owners by kind and name: a Job of a deleted owner of the same name, or one planted
    // with the right labels and owner name, is there too. Only the Jobs this owner's UID controls are its attempts.
    List<Job> jobs = new ArrayList<>(Ownership.owned(owner, List.copyOf(cachedJobs)));
    List<JobSet> sets = new ArrayList<>(Ownership.owned(owner, List.copyOf(cachedJobSets)));
    Set<String> names = new HashSet<>();
    jobs.forEach(j -> names.add(j.getMetadata().getName()));
    sets.forEach(j -> names.add(j.getMetadata().getName()));
    for (StageStatus st : recorded) {
      if (st.phase != StagePhase.Running) {
        continue;
      }
      List<String> expected = new ArrayList<>();
      expected.add(st.job);
      if (st.roles != null) {
        st.roles.forEach(r -> expected.add(r.job));
      }
      for (String name : expected) {
        if (name != null && names.add(name)) {
          Job live = client.batch().v1().jobs().inNamespace(namespace).withName(name).get();
          if (live != null && Ownership.controlledBy(live, owner)) {
            jobs.add(live);
          }
        }
      }
      if (jobSets && !hasAttempt(jobs, st) && !hasAttempt(sets, st)) {
        // A JobSet is found by its attempt's labels: the status may still name the primary's Job until observed.
        sets.addAll(Ownership.owned(owner, client.resources(JobSet.class).inNamespace(namespace)
            .withLabels(Map.of(JobLabels.OWNER, owner.getMetadata().getName(), JobLabels.STAGE, st.name,
                JobLabels.ATTEMPT, String.valueOf(st.attempts)))
            .list().getItems()));
      }
    }
    Map<String, StageStatus> byStage =
        recorded.stream().collect(Collectors.toMap(s -> s.name, s -> s, (a, b) -> a));
    List<ObservedJob> observed = new ArrayList<>();
    jobs.forEach(job -> observed.add(JobStates.observe(job,
        needsPods(job, JobStates.isFinished(job), byStage) ? jobPods(job) : List.of())));
    sets.forEach(set -> observed.addAll(JobSetStates.observe(set,
        needsPods(set, JobSetStates.isFinished(set), byStage) ? jobSetPods(set) : List.of())));
    return observed;
  }

  /**
   * Creates ConfigMaps, each role's Job and, for stages with a role that serves its peers, the attempt's critic
   * token Secret and the Services; deletes Jobs. An object that already exists is fine when this owner controls
   * it (a retried reconcile); one it does not control is never adopted, mounted or reused, and ends the action like
   * a create the API server refuses: the Jobs it already created are deleted again (no half attempt keeps running)
   * and the refusal is returned for status.
   */
  public List<RefusedCreate> apply(
      HasMetadata owner, List<StageAction> actions, Map<String, StageSpec> stages, JobSettings settings) {
    List<RefusedCreate> refusals = new ArrayList<>();
    Set<String> deleted = new HashSet<>();
    for (StageAction action : actions) {
      if (action instanceof StageAction.CreateJob create) {
        createAttempt(owner, stages.get(create.stage()), create.attempt(), settings).ifPresent(refusals::add);
      } else if (action instanceof StageAction.DeleteJob delete && deleted.add(delete.jobName())) {
        // The roles of a JobSet share its name: one delete stops them all.
        deleteWorkload(owner.getMetadata().getNamespace(), delete.jobName());
      }
    }
    return refusals;
  }

  private Optional<RefusedCreate> createAttempt(HasMetadata owner, StageSpec stage, int attempt, JobSettings settings) {
    List<String> created = new ArrayList<>();
    boolean serving = stage.roles().stream().anyMatch(role -> role.servicePort() != null);
    boolean asJobSet = asJobSet(stage, settings);
    HasMetadata current = StageJobBuilder.desiredConfigMap(owner, stage);
    try {
      createOrVerify(owner, current);
      String secret = null;
      if (serving) {
        current = CriticTokenSecret.desired(owner, stage.name(), attempt);
        secret = current.getMetadata().getName();
        createOrVerify(owner, current);
      }
      for (StageRole role : stage.roles()) {
        if (role.servicePort() != null) {
          current = StageJobBuilder.desiredService(owner, stage.name(), role, attempt);
          applyService(owner, current);
        }
        if (asJobSet) {
          continue;
        }
        if (role.launch() != null && role.launch().multiNode()) {
          current = StageJobBuilder.desiredPeerService(owner, stage.name(), role, attempt);
          applyService(owner, current);
        }
        Job job = StageJobBuilder.desiredJob(owner, stage, role, attempt, settings);
        current = secret == null ? job : CriticTokenSecret.mounted(job, secret);
        createOrVerify(owner, current);
        created.add(current.getMetadata().getName());
      }
      if (asJobSet) {
        current = JobSetBuilder.desired(owner, stage, attempt, settings, secret);
        createOrVerify(owner, current);
      }
      return Optional.empty();
    } catch (NotOwnedException e) {
      created.forEach(job -> deleteWorkload(owner.getMetadata().getNamespace(), job));
      return Optional.of(RefusedCreate.notOwned(stage.name(), attempt, describe(current), owner.getKind()));
    } catch (KubernetesClientException e) {
      if (e.getCode() < HttpURLConnection.HTTP_BAD_REQUEST) {
        throw e; // not a refusal: the API server was not reached; JOSDK retries the reconcile
      }
      created.forEach(job -> deleteWorkload(owner.getMetadata().getNamespace(), job));
      return Optional.of(new RefusedCreate(stage.name(), attempt, describe(current), e.getCode(), ApiErrors.message(e)));
    }
  }

  /** Applied, not created: a Service that selects an attempt's pods moves to the new attempt's. */
  private void applyService(HasMetadata owner, HasMetadata service) {
    verifyIfPresent(owner, service);
    client.resource(service).forceConflicts().serverSideApply();
  }

  /** Deletes a stage attempt's Job, or its JobSet, of that name; its pods follow by garbage collection. */
  private void deleteWorkload(String namespace, String name) {
    client.batch().v1().jobs().inNamespace(namespace).withName(name)
        .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
    if (jobSets) {
      client.resources(JobSet.class).inNamespace(namespace).withName(name)
          .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
    }
  }

  private static boolean hasAttempt(List<? extends HasMetadata> workloads, StageStatus st) {
    return workloads.stream().anyMatch(w -> st.name.equals(w.getMetadata().getLabels().get(JobLabels.STAGE))
        && String.valueOf(st.attempts).equals(w.getMetadata().getLabels().get(JobLabels.ATTEMPT)));
  }

  /** Pods matter only for a finished workload that is its stage's latest attempt and whose outcome is not recorded. */
  private static boolean needsPods(HasMetadata workload, boolean finished, Map<String, StageStatus> byStage) {
    StageStatus recorded = byStage.get(workload.getMetadata().getLabels().get(JobLabels.STAGE));
    int attempt = Integer.parseInt(workload.getMetadata().getLabels().get(JobLabels.ATTEMPT));
    int recordedAttempts = recorded == null || recorded.attempts == null ? 0 : recorded.attempts;
    boolean unrecorded = attempt > recordedAttempts
        || (attempt == recordedAttempts && recorded.phase == StagePhase.Running);
    return unrecorded && finished;
  }

  /** Only the Job's own pods: anyone may label a pod with the Job's name and a made-up termination message. */
  private List<Pod> jobPods(Job job) {
    return Ownership.owned(job, client.pods().inNamespace(job.getMetadata().getNamespace())
        .withLabel(JobLabels.JOB_NAME, job.getMetadata().getName()).list().getItems());
  }

  /**
   * Only the pods of the JobSet's own child Jobs (pod -> Job -> JobSet, each link by controller UID): anyone may
   * label a pod with the JobSet's name.
   */
  private List<Pod> jobSetPods(JobSet jobSet) {
    String namespace = jobSet.getMetadata().getNamespace();
    String name = jobSet.getMetadata().getName();
    List<Job> children = Ownership.owned(jobSet,
        client.batch().v1().jobs().inNamespace(namespace).withLabel(JobSet.NAME_LABEL, name).list().getItems());
    List<Pod> pods = client.pods().inNamespace(namespace).withLabel(JobSet.NAME_LABEL, name).list().getItems();
    return pods.stream().filter(pod -> children.stream().anyMatch(job -> Ownership.controlledBy(pod, job))).toList();
  }

  /**
   * Creates {@code desired}; when an object of its name exists already, it must be this owner's (created by an
   * earlier reconcile whose status write was lost), and is then kept as it is.
   */
  private void createOrVerify(HasMetadata owner, HasMetadata desired) {
    try {
      client.resource(desired).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
      HasMetadata existing = client.resource(desired).get();
      if (existing == null) {
        throw e; // deleted since: a 409 refusal, retried with a new attempt
      }
      verify(owner, existing);
    }
  }

  /** Checks the owner of the object of {@code desired}'s name, if there is one. */
  private void verifyIfPresent(HasMetadata owner, HasMetadata desired) {
    HasMetadata existing = client.resource(desired).get();
    if (existing != null) {
      verify(owner, existing);
    }
  }

  private static void verify(HasMetadata owner, HasMetadata existing) {
    if (!Ownership.controlledBy(existing, owner)) {
      throw new NotOwnedException();
    }
  }

  private static String describe(HasMetadata object) {
    return object.getKind() + " " + object.getMetadata().getName();
  }

  /** An object of an expected name exists without this owner's controller reference. */
  private static final class NotOwnedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotOwnedException() {
      super(null, null, false, false);
    }
  }
}
