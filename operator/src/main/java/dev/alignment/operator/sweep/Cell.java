package dev.alignment.operator.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** One cell of a sweep's matrix: its index in matrix order and the value of each varied field. */
public record Cell(int index, Map<String, JsonNode> values) {
  public Cell {
    values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** The values as text for status: strings bare, numbers as written, objects as JSON. */
  public Map<String, String> parameters() {
    Map<String, String> shown = new LinkedHashMap<>();
    values.forEach((field, value) -> shown.put(field, value.isTextual() ? value.asText() : value.toString()));
    return shown;
  }
}
