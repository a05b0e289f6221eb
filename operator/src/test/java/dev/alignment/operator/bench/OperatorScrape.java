package dev.alignment.operator.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the operator's own /metrics says: its Kubernetes API requests (counted by its client's interceptor,
 * {@code KubernetesClientMetrics}) by verb and resource, and its JVM heap in use.
 *
 * @param requests request count per {@code "VERB resource"}, every response code together
 * @param heapUsedBytes JVM heap in use
 */
record OperatorScrape(Map<String, Double> requests, double heapUsedBytes) {
  static final String REQUESTS = "kubernetes_client_requests_total";
  static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  /** Empty when /metrics does not answer 200 within {@link #TIMEOUT} (an overloaded operator may not). */
  static Optional<OperatorScrape> of(URI metrics) {
    String text;
    try {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(metrics).timeout(TIMEOUT).build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        System.err.println("[bench] " + metrics + " answered " + response.statusCode());
        return Optional.empty();
      }
      text = response.body();
    } catch (IOException e) {
      System.err.println("[bench] no answer from " + metrics + ": " + e);
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted reading " + metrics, e);
    }
    Map<String, Double> requests = new TreeMap<>();
    PrometheusText.samples(text, REQUESTS).forEach(
        (labels, value) -> requests.merge(labels.get("verb") + " " + labels.get("resource"), value, Double::sum));
    if (requests.isEmpty()) {
      throw new IllegalStateException(metrics + " has no " + REQUESTS + " (has the metric been renamed?)");
    }
    double heap = PrometheusText.samples(text, "jvm_memory_used_bytes").entrySet().stream()
        .filter(e -> "heap".equals(e.getKey().get("area"))).mapToDouble(Map.Entry::getValue).sum();
    return Optional.of(new OperatorScrape(requests, heap));
  }

  /** Requests that change something: every verb but GET and WATCH. */
  double writes() {
    return requests.entrySet().stream().filter(e -> !e.getKey().startsWith("GET ") && !e.getKey().startsWith("WATCH "))
        .mapToDouble(Map.Entry::getValue).sum();
  }

  double totalRequests() {
    return requests.values().stream().mapToDouble(Double::doubleValue).sum();
  }

  /** Requests per {@code "VERB resource"} made since {@code earlier}, those with none left out. */
  Map<String, Double> requestsSince(OperatorScrape earlier) {
    Map<String, Double> delta = new TreeMap<>();
    requests.forEach((key, value) -> {
      double d = value - earlier.requests.getOrDefault(key, 0.0);
      if (d > 0) {
        delta.put(key, d);
      }
    });
    return delta;
  }
}
