package dev.alignment.trainer.base;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a stage reports on exit: its output URI, final metrics, content digest and a one-line message. */
public record StageResult(String output, Map<String, Double> metrics, String digest, String message) {
  public StageResult {
    metrics = metrics == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
  }

  public static StageResult ofMessage(String message) {
    return new StageResult(null, Map.of(), null, message);
  }
}
