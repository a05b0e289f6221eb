package dev.alignment.operator.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the samples of one metric out of a Prometheus text exposition. */
final class PrometheusText {
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  private PrometheusText() {}

  /** Each sample of {@code metric}, keyed by its labels (empty for an unlabelled sample). */
  static Map<Map<String, String>, Double> samples(String text, String metric) {
    Map<Map<String, String>, Double> samples = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      if (!line.startsWith(metric) || line.length() == metric.length()) {
        continue;
      }
      char next = line.charAt(metric.length());
      if (next != '{' && next != ' ') {
        continue;
      }
      Map<String, String> labels = new LinkedHashMap<>();
      String rest = line.substring(metric.length());
      if (next == '{') {
        int close = rest.lastIndexOf('}');
        Matcher m = LABEL.matcher(rest.substring(1, close));
        while (m.find()) {
          labels.put(m.group(1), m.group(2));
        }
        rest = rest.substring(close + 1);
      }
      samples.merge(labels, Double.parseDouble(rest.trim().split("\\s+")[0]), Double::sum);
    }
    return samples;
  }

  /** The sum over every sample of {@code metric}. */
  static double total(String text, String metric) {
    return samples(text, metric).values().stream().mapToDouble(Double::doubleValue).sum();
  }
}
