package dev.alignment.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The real Prometheus of hack/prometheus.sh (a process on this machine that discovers the local cluster's Services and
 * pods through its API), and a small client of its HTTP API: /api/v1/query, /query_range, /series, /targets, /alerts.
 */
final class Prometheus {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Prometheus instance;

  final URI url;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Prometheus(URI url) {
    this.url = url;
  }

  /**
   * Starts Prometheus for the local cluster with an empty TSDB, restarting one already running, and stops it at the end.
   * Series kept from an earlier cluster (another operator pod, other runs) would take part in the range queries and
   * alert expressions checked here: a stale operator series with more failed runs masks this cluster's new failure.
   */
  static synchronized Prometheus get() {
    if (instance == null) {
      Shell.script("hack/prometheus.sh", "stop");
      URI url = URI.create(Shell.lastLine(Shell.run(Map.of("ALIGNMENT_PROMETHEUS_FRESH", "1"),
          List.of("hack/prometheus.sh", "up"), null)));
      Runtime.getRuntime().addShutdownHook(new Thread(() -> Shell.script("hack/prometheus.sh", "stop"), "prometheus-stop"));
      instance = new Prometheus(url);
    }
    return instance;
  }

  /** One series of a query's result: its labels and its values (one for an instant query, many for a range). */
  record Series(Map<String, String> labels, List<Double> values) {}

  List<Series> query(String expr) {
    return series(get("/api/v1/query", Map.of("query", expr)));
  }

  List<Series> queryRange(String expr, Instant start, Instant end, Duration step) {
    return series(get("/api/v1/query_range", Map.of("query", expr, "start", seconds(start), "end", seconds(end),
        "step", step.toSeconds() + "s")));
  }

  /** Label sets of the series a selector matched between start and end. */
  List<Map<String, String>> series(String selector, Instant start, Instant end) {
    List<Map<String, String>> out = new ArrayList<>();
    for (JsonNode s : get("/api/v1/series", Map.of("match[]", selector, "start", seconds(start), "end", seconds(end)))) {
      out.add(labels(s));
    }
    return out;
  }

  /** Active scrape targets: their labels and health ("up", "down", "unknown"). */
  List<Map<String, String>> activeTargets() {
    List<Map<String, String>> out = new ArrayList<>();
    for (JsonNode t : get("/api/v1/targets", Map.of("state", "active")).path("activeTargets")) {
      Map<String, String> labels = labels(t.path("labels"));
      labels.put("__health__", t.path("health").asText());
      labels.put("__scrapeUrl__", t.path("scrapeUrl").asText());
      out.add(labels);
    }
    return out;
  }

  /** Alerts pending or firing now: their labels, plus __state__. */
  List<Map<String, String>> alerts() {
    List<Map<String, String>> out = new ArrayList<>();
    for (JsonNode a : get("/api/v1/alerts", Map.of()).path("alerts")) {
      Map<String, String> labels = labels(a.path("labels"));
      labels.put("__state__", a.path("state").asText());
      out.add(labels);
    }
    return out;
  }

  /** Names of the loaded alerting rules whose health is "ok". */
  List<String> healthyRules() {
    List<String> out = new ArrayList<>();
    for (JsonNode group : get("/api/v1/rules", Map.of()).path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        if (rule.path("health").asText().equals("ok")) {
          out.add(rule.path("name").asText());
        }
      }
    }
    return out;
  }

  private JsonNode get(String path, Map<String, String> params) {
    String query = params.entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    HttpRequest request = HttpRequest.newBuilder(url.resolve(path + (query.isEmpty() ? "" : "?" + query)))
        .timeout(Duration.ofSeconds(30)).GET().build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode body = JSON.readTree(response.body());
      if (response.statusCode() != 200 || !body.path("status").asText().equals("success")) {
        throw new IllegalStateException(path + " " + params + " -> " + response.statusCode() + " " + response.body());
      }
      return body.path("data");
    } catch (IOException e) {
      throw new IllegalStateException("cannot reach Prometheus at " + url, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static List<Series> series(JsonNode data) {
    List<Series> out = new ArrayList<>();
    for (JsonNode r : data.path("result")) {
      List<Double> values = new ArrayList<>();
      if (r.has("value")) {
        values.add(r.path("value").get(1).asDouble());
      }
      for (JsonNode v : r.path("values")) {
        values.add(v.get(1).asDouble());
      }
      out.add(new Series(labels(r.path("metric")), values));
    }
    return out;
  }

  private static Map<String, String> labels(JsonNode object) {
    Map<String, String> labels = new LinkedHashMap<>();
    object.fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    return labels;
  }

  private static String seconds(Instant t) {
    return String.valueOf(t.getEpochSecond());
  }
}
