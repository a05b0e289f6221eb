package dev.alignment.e2e.conformance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One scrape of a trainer's metrics in the Prometheus text format, as samples by name and labels. */
record MetricsPage(List<Sample> samples) {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  /** A sample line: series name, labels and value. */
  record Sample(String name, Map<String, String> labels, double value) {}

  /** Scrapes {@code uri}; a status other than 200 is an error. */
  static MetricsPage scrape(URI uri) throws IOException, InterruptedException {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(uri + " answered " + response.statusCode() + ": " + response.body());
    }
    return parse(response.body());
  }

  static MetricsPage parse(String text) {
    return new MetricsPage(text.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).map(MetricsPage::sample).toList());
  }

  /** The value of the first sample of {@code name}, whatever its labels. */
  Optional<Double> value(String name) {
    return samples.stream().filter(s -> s.name().equals(name)).map(Sample::value).findFirst();
  }

  /** The value of the first sample of {@code name} carrying {@code label}={@code labelValue}. */
  Optional<Double> value(String name, String label, String labelValue) {
    return samples.stream().filter(s -> s.name().equals(name) && labelValue.equals(s.labels().get(label)))
        .map(Sample::value).findFirst();
  }

  private static Sample sample(String line) {
    Matcher m = SAMPLE.matcher(line);
    if (!m.find()) {
      throw new IllegalArgumentException("not a Prometheus sample line: " + line);
    }
    Map<String, String> labels = new HashMap<>();
    if (m.group(2) != null) {
      Matcher l = LABEL.matcher(m.group(2));
      while (l.find()) {
        labels.put(l.group(1), l.group(2));
      }
    }
    return new Sample(m.group(1), labels, number(m.group(3)));
  }

  private static double number(String value) {
    return switch (value) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(value);
    };
  }
}
