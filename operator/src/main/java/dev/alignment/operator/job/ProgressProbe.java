package dev.alignment.operator.job;

import dev.alignment.operator.status.TrainerProgress;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads a running stage's progress from its trainer pod's metrics endpoint (the container port named metrics). */
public final class ProgressProbe {
  private static final Logger LOG = LoggerFactory.getLogger(ProgressProbe.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private final KubernetesClient client;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  public ProgressProbe(KubernetesClient client) {
    this.client = client;
  }

  /** Empty when the pod is not running yet, has no address, or does not answer in time. */
  public Optional<TrainerProgress> read(String namespace, String jobName) {
    Optional<Pod> pod = client.pods().inNamespace(namespace).withLabel(JobLabels.JOB_NAME, jobName).list().getItems()
        .stream()
        .filter(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase()) && p.getStatus().getPodIP() != null)
        .findFirst();
    if (pod.isEmpty()) {
      return Optional.empty();
    }
    URI uri = URI.create("http://" + pod.get().getStatus().getPodIP() + ":" + metricsPort(pod.get()) + "/metrics");
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

  private static int metricsPort(Pod pod) {
    return pod.getSpec().getContainers().stream()
        .filter(c -> StageJobBuilder.CONTAINER.equals(c.getName()))
        .flatMap(c -> c.getPorts().stream())
        .filter(p -> "metrics".equals(p.getName()))
        .map(ContainerPort::getContainerPort)
        .findFirst()
        .orElse(StageJobBuilder.METRICS_PORT);
  }
}
