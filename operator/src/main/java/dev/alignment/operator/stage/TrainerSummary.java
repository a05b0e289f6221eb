package dev.alignment.operator.stage;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/**
 * The JSON document a trainer writes to its termination log on exit (see docs/trainer-contract.md).
 *
 * @param output URI of the stage's output, e.g. file:///workspace/ns/run/dpo/model
 * @param metrics final scalar metrics, e.g. loss, accuracy, winRate
 * @param digest content digest, for dataset validation
 * @param message human-readable outcome; for bad input, the file, line and problem
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TrainerSummary(String output, Map<String, Double> metrics, String digest, String message) {
  public TrainerSummary {
    metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
  }

  /** A summary that carries only a message (a trainer that died before writing JSON). */
  public static TrainerSummary ofMessage(String message) {
    return new TrainerSummary(null, Map.of(), null, message);
  }
}
