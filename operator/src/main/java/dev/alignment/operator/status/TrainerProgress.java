package dev.alignment.operator.status;

import dev.alignment.contract.MetricNames;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A running trainer's progress, read from its Prometheus metrics (docs/trainer-contract.md): the gauges
 * {@link MetricNames#STEP}, {@link MetricNames#TOTAL_STEPS} and {@link MetricNames#ETA_SECONDS}.
 *
 * @param step steps done
 * @param totalSteps steps the stage runs
 * @param etaSeconds estimated seconds left, or null when the trainer gives none
 */
public record TrainerProgress(long step, long totalSteps, Double etaSeconds) {
  /**
   * The query that asks a trainer's endpoint for these three series only: a smaller answer, and the trainer does not
   * take the probe for the Prometheus scrape it waits for at the end of a stage.
   */
  public static final String SERIES_QUERY = "name%5B%5D=" + MetricNames.STEP + "&name%5B%5D=" + MetricNames.TOTAL_STEPS
      + "&name%5B%5D=" + MetricNames.ETA_SECONDS;
  private static final Pattern SAMPLE = Pattern.compile(
      "^(" + MetricNames.STEP + "|" + MetricNames.TOTAL_STEPS + "|" + MetricNames.ETA_SECONDS + ")(?:\\{[^}]*})?\\s+(\\S+)",
      Pattern.MULTILINE);

  /** The progress in a Prometheus text exposition; empty when the step gauges are not there (yet). */
  public static Optional<TrainerProgress> parse(String exposition) {
    Map<String, Double> values = new HashMap<>();
    Matcher m = SAMPLE.matcher(exposition);
    while (m.find()) {
      try {
        values.put(m.group(1), Double.parseDouble(m.group(2)));
      } catch (NumberFormatException e) {
        // NaN and friends are valid exposition values but no progress
      }
    }
    Double step = values.get(MetricNames.STEP);
    Double total = values.get(MetricNames.TOTAL_STEPS);
    if (step == null || total == null || total <= 0) {
      return Optional.empty();
    }
    Double eta = values.get(MetricNames.ETA_SECONDS);
    return Optional.of(new TrainerProgress(step.longValue(), total.longValue(), eta != null && eta >= 0 ? eta : null));
  }

  /** Like kubectl's ages: 45s, 3m20s, 1h05m. */
  public String etaText() {
    if (etaSeconds == null) {
      return null;
    }
    long s = Math.round(etaSeconds);
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return (s / 60) + "m" + String.format("%02d", s % 60) + "s";
    }
    return (s / 3600) + "h" + String.format("%02d", (s % 3600) / 60) + "m";
  }
}
