package dev.alignment.operator.metrics;

import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Counts the operator's requests to the Kubernetes API by verb, resource and response code, as client-go's
 * {@code rest_client_requests_total} does: a Fabric8 HTTP interceptor, so every request the client sends is seen.
 */
public final class KubernetesClientMetrics implements Interceptor {
  public static final String NAME = "metrics";
  private final MeterRegistry registry;

  public KubernetesClientMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void after(HttpRequest request, HttpResponse<?> response, AsyncBody.Consumer<List<ByteBuffer>> consumer) {
    count(request, String.valueOf(response.code()));
  }

  @Override
  public void afterConnectionFailure(HttpRequest request, Throwable failure) {
    count(request, "error");
  }

  private void count(HttpRequest request, String code) {
    Counter.builder("kubernetes.client.requests")
        .description("Requests the operator sent to the Kubernetes API, by verb, resource and response code")
        .tags("verb", verb(request), "resource", resource(request.uri().getPath()), "code", code)
        .register(registry)
        .increment();
  }

  private static String verb(HttpRequest request) {
    String query = request.uri().getQuery();
    return query != null && query.contains("watch=true") ? "WATCH" : request.method();
  }

  /**
   * The resource a path addresses, with its subresource: {@code /api/v1/namespaces/a/pods/p/log} is
   * {@code pods/log}, {@code /apis/batch/v1/namespaces/a/jobs} is {@code jobs}; other paths (discovery) are
   * {@code other}.
   */
  static String resource(String path) {
    String[] parts = path.replaceAll("^/+|/+$", "").split("/");
    int start;
    if (parts.length >= 3 && parts[0].equals("api")) {
      start = 2;
    } else if (parts.length >= 4 && parts[0].equals("apis")) {
      start = 3;
    } else {
      return "other";
    }
    if (parts.length > start + 2 && parts[start].equals("namespaces")) {
      start += 2;
    }
    if (parts.length <= start) {
      return "other";
    }
    String resource = parts[start];
    return parts.length > start + 2 ? resource + "/" + parts[start + 2] : resource;
  }
}
