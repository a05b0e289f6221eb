package dev.alignment.operator.job;

import dev.alignment.api.v1alpha1.StagePhase;
import dev.alignment.api.v1alpha1.StageStatus;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The I/O around stage Jobs: observing them (with their pods' termination messages) and carrying out actions. */
public final class StageJobs {
  private final KubernetesClient client;

  public StageJobs(KubernetesClient client) {
    this.client = client;
  }

  /**
   * Observes the owner's stage Jobs. {@code cached} comes from the informer; a Job the status says is running
   * but the cache lacks is looked up live, so a cache that lags behind a create is not taken for a deletion.
   * Pods are read only for finished Jobs whose outcome the status has not recorded yet.
   */
  public List<ObservedJob> observe(HasMetadata owner, Collection<Job> cached, List<StageStatus> recorded) {
    String namespace = owner.getMetadata().getNamespace();
    // The informer maps Jobs to owners by kind and name: a Job of a deleted owner of the same name, or one planted
    // with the right labels and owner name, is there too. Only the Jobs this owner's UID controls are its attempts.
    List<Job> jobs = new ArrayList<>(Ownership.owned(owner, List.copyOf(cached)));
    Set<String> names = jobs.stream().map(j -> j.getMetadata().getName()).collect(Collectors.toSet());
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
    }
    Map<String, StageStatus> byStage =
        recorded.stream().collect(Collectors.toMap(s -> s.name, s -> s, (a, b) -> a));
    return jobs.stream()
        .map(job -> JobStates.observe(job, podsIfNeeded(job, byStage.get(job.getMetadata().getLabels().get(JobLabels.STAGE)))))
        .toList();
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
    for (StageAction action : actions) {
      if (action instanceof StageAction.CreateJob create) {
        createAttempt(owner, stages.get(create.stage()), create.attempt(), settings).ifPresent(refusals::add);
      } else if (action instanceof StageAction.DeleteJob delete) {
        deleteJob(owner.getMetadata().getNamespace(), delete.jobName());
      }
    }
    return refusals;
  }

  private Optional<RefusedCreate> createAttempt(HasMetadata owner, StageSpec stage, int attempt, JobSettings settings) {
    List<String> created = new ArrayList<>();
    boolean serving = stage.roles().stream().anyMatch(role -> role.servicePort() != null);
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
          verifyIfPresent(owner, current);
          // Applied, not created: the Service moves to the new attempt's pod.
          client.resource(current).forceConflicts().serverSideApply();
        }
        Job job = StageJobBuilder.desiredJob(owner, stage, role, attempt, settings);
        current = secret == null ? job : CriticTokenSecret.mounted(job, secret);
        createOrVerify(owner, current);
        created.add(current.getMetadata().getName());
      }
      return Optional.empty();
    } catch (NotOwnedException e) {
      created.forEach(job -> deleteJob(owner.getMetadata().getNamespace(), job));
      return Optional.of(RefusedCreate.notOwned(stage.name(), attempt, describe(current), owner.getKind()));
    } catch (KubernetesClientException e) {
      if (e.getCode() < HttpURLConnection.HTTP_BAD_REQUEST) {
        throw e; // not a refusal: the API server was not reached; JOSDK retries the reconcile
      }
      created.forEach(job -> deleteJob(owner.getMetadata().getNamespace(), job));
      return Optional.of(new RefusedCreate(stage.name(), attempt, describe(current), e.getCode(), ApiErrors.message(e)));
    }
  }

  private void deleteJob(String namespace, String name) {
    client.batch().v1().jobs().inNamespace(namespace).withName(name)
        .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
  }

  /** Pods matter only for a finished Job that is its stage's latest attempt and whose outcome is not recorded. */
  private List<Pod> podsIfNeeded(Job job, StageStatus recorded) {
    int attempt = Integer.parseInt(job.getMetadata().getLabels().get(JobLabels.ATTEMPT));
    int recordedAttempts = recorded == null || recorded.attempts == null ? 0 : recorded.attempts;
    boolean unrecorded = attempt > recordedAttempts
        || (attempt == recordedAttempts && recorded.phase == StagePhase.Running);
    if (!unrecorded || !JobStates.isFinished(job)) {
      return List.of();
    }
    // Only the Job's own pods: anyone may label a pod with the Job's name and a made-up termination message.
    return Ownership.owned(job, client.pods().inNamespace(job.getMetadata().getNamespace())
        .withLabel(JobLabels.JOB_NAME, job.getMetadata().getName()).list().getItems());
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
