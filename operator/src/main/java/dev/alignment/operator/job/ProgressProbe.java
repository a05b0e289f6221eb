package dev.alignment.operator.job;

import dev.alignment.api.v1alpha1.StageStatus;
import dev.alignment.contract.Defaults;
import dev.alignment.operator.job.jobset.JobSet;
import dev.alignment.operator.metrics.OperatorMetrics;
import dev.alignment.operator.status.TrainerProgress;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a running stage's progress from its trainer pod's (rank 0's, where there are several) metrics endpoint (the container port named metrics), and
 * on the way records how long the pod waited to be scheduled (for GPUs, or any capacity).
 */
public final class ProgressProbe {
  private static final Logger LOG = LoggerFactory.getLogger(ProgressProbe.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private final OperatorMetrics metrics;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  /** The pods whose scheduling wait is recorded, by UID, by their run; a run's are dropped when it is deleted. */
  private final Map<ResourceID, Set<String>> scheduledPods = new ConcurrentHashMap<>();

  public ProgressProbe(OperatorMetrics metrics) {
    this.metrics = metrics;
  }

  /**
   * Reads the progress of a running stage from rank 0 of its primary role (as the pod informer has the pods): the
   * pods of its Job, or of its JobSet, which the status names. Empty when that pod does not run yet with an
   * address, or its trainer does not answer in time.
   */
  public Optional<TrainerProgress> read(StageStatus stage, Collection<Pod> pods) {
    ofWorkload(stage, pods).forEach(this::recordSchedulingWait);
    Optional<Pod> pod = rankZero(stage, pods);
    if (pod.isEmpty()) {
      return Optional.empty();
    }
    URI uri = URI.create("http://" + pod.get().getStatus().getPodIP() + ":" + metricsPort(pod.get()) + "/metrics?" + TrainerProgress.SERIES_QUERY);
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).build(),
          HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? TrainerProgress.parse(response.body()) : Optional.empty();
    } catch (IOException e) {
      LOG.debug("no progress from {}: {}", uri, e.toString());
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** The serving pod of rank 0 of the stage's primary role, if there is one. */
  static Optional<Pod> rankZero(StageStatus stage, Collection<Pod> pods) {
    String primary = stage.roles == null || stage.roles.isEmpty() ? null : stage.roles.get(0).name;
    return ofWorkload(stage, pods).stream()
        .filter(p -> Objects.equals(primary, p.getMetadata().getLabels().get(JobLabels.ROLE)) && RankedPods.rank(p) == 0)
        .filter(ProgressProbe::isServing)
        .findFirst();
  }

  /** The pods of the Job or the JobSet the stage's status names. */
  private static List<Pod> ofWorkload(StageStatus stage, Collection<Pod> pods) {
    return pods.stream().filter(p -> stage.job.equals(p.getMetadata().getLabels().get(JobLabels.JOB_NAME))
        || stage.job.equals(p.getMetadata().getLabels().get(JobSet.NAME_LABEL))).toList();
  }

  /** A pod whose trainer may answer: running, with an address. */
  public static boolean isServing(Pod pod) {
    return pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase()) && pod.getStatus().getPodIP() != null;
  }

  /** Forgets the run's pods: the run is deleted. */
  public void forget(ResourceID run) {
    scheduledPods.remove(run);
  }

  private void recordSchedulingWait(Pod pod) {
    String run = pod.getMetadata().getLabels().get(JobLabels.OWNER);
    if (pod.getStatus() == null || pod.getStatus().getConditions() == null || run == null) {
      return;
    }
    Set<String> recorded =
        scheduledPods.computeIfAbsent(new ResourceID(run, pod.getMetadata().getNamespace()), id -> ConcurrentHashMap.newKeySet());
    if (recorded.contains(pod.getMetadata().getUid())) {
      return;
    }
    pod.getStatus().getConditions().stream()
        .filter(c -> "PodScheduled".equals(c.getType()) && "True".equals(c.getStatus()) && c.getLastTransitionTime() != null)
        .findFirst()
        .ifPresent(c -> {
          recorded.add(pod.getMetadata().getUid());
          Duration waited = Duration.between(Instant.parse(pod.getMetadata().getCreationTimestamp()),
              Instant.parse(c.getLastTransitionTime()));
          boolean gpu = pod.getSpec().getContainers().stream().anyMatch(ct -> ct.getResources() != null
              && ct.getResources().getRequests() != null && ct.getResources().getRequests().containsKey(StageJobBuilder.GPU_RESOURCE));
          metrics.schedulingWaitEnded(pod.getMetadata().getLabels().get(JobLabels.STAGE), gpu,
              waited.isNegative() ? Duration.ZERO : waited);
        });
  }

  private static int metricsPort(Pod pod) {
    return pod.getSpec().getContainers().stream()
        .filter(c -> StageJobBuilder.CONTAINER.equals(c.getName()))
        .flatMap(c -> c.getPorts().stream())
        .filter(p -> StageJobBuilder.METRICS_PORT_NAME.equals(p.getName()))
        .map(ContainerPort::getContainerPort)
        .findFirst()
        .orElse(Defaults.METRICS_PORT);
  }
}
