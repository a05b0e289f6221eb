package dev.alignment.operator.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alignment.api.v1alpha1.MatrixParameter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One cell of a sweep's matrix: its index in matrix order and the value each parameter takes in it. */
public record Cell(int index, List<Assignment> assignments) {
  public Cell {
    assignments = List.copyOf(assignments);
  }

  /** A parameter's value in this cell: {@code field} is null for a value merged into the spec as a whole. */
  public record Assignment(String key, String field, JsonNode value) {
    static Assignment of(MatrixParameter p, JsonNode value) {
      return new Assignment(p.name != null ? p.name : p.field, p.field, value);
    }
  }

  /** Longest value shown in status: a value is the spec's own text, and a sweep's status must stay small. */
  public static final int SHOWN_VALUE_CHARS = 128;

  /** The values by parameter key, as text for status: strings bare, numbers as written, objects as JSON; cut short. */
  public Map<String, String> parameters() {
    Map<String, String> shown = new LinkedHashMap<>();
    assignments.forEach(a -> shown.put(a.key(),
        Texts.cut(a.value().isTextual() ? a.value().asText() : a.value().toString(), SHOWN_VALUE_CHARS)));
    return shown;
  }

  /** The values by parameter key. */
  public Map<String, JsonNode> values() {
    Map<String, JsonNode> values = new LinkedHashMap<>();
    assignments.forEach(a -> values.put(a.key(), a.value()));
    return values;
  }
}
