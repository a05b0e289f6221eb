package dev.alignment.operator.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alignment.api.v1alpha1.AlignmentRunSpec;
import dev.alignment.api.v1alpha1.MatrixParameter;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/** A cell's run spec (the template with the cell's values set) and the digest its child's name is derived from. */
public final class ChildSpecs {
  private static final ObjectMapper STRICT = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .build();

  private ChildSpecs() {}

  /** Checks that every parameter names a field of the run spec and that each of its values fits there. */
  public static void validate(AlignmentRunSpec template, List<MatrixParameter> parameters) {
    for (int i = 0; i < parameters.size(); i++) {
      MatrixParameter p = parameters.get(i);
      for (JsonNode value : p.values) {
        ObjectNode tree = STRICT.valueToTree(template);
        assign(tree, Cell.Assignment.of(p, value), i);
        try {
          STRICT.treeToValue(tree, AlignmentRunSpec.class);
        } catch (JsonProcessingException e) {
          throw new InvalidSweepException("spec.matrix.parameters[" + i + "]: " + (p.field == null ? p.name : p.field)
              + " = " + value + " does not fit the AlignmentRun spec: " + e.getOriginalMessage());
        }
      }
    }
  }

  /** The template with the cell's values set; {@link #validate} first, so this cannot fail on a field or type. */
  public static AlignmentRunSpec of(AlignmentRunSpec template, Cell cell) {
    ObjectNode tree = STRICT.valueToTree(template);
    for (int i = 0; i < cell.assignments().size(); i++) {
      assign(tree, cell.assignments().get(i), i);
    }
    try {
      return STRICT.treeToValue(tree, AlignmentRunSpec.class);
    } catch (JsonProcessingException e) {
      throw new InvalidSweepException("cell " + cell.index() + " " + cell.parameters() + ": " + e.getOriginalMessage());
    }
  }

  /** SHA-256 of the spec serialised canonically (sorted keys): equal digests, equal specs. */
  public static byte[] digest(AlignmentRunSpec spec) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(STRICT.writeValueAsBytes(spec));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void assign(ObjectNode tree, Cell.Assignment assignment, int parameter) {
    if (assignment.field() != null) {
      set(tree, assignment.field(), assignment.value(), parameter);
    } else if (assignment.value().isObject()) {
      merge(tree, (ObjectNode) assignment.value());
    } else {
      throw new InvalidSweepException("spec.matrix.parameters[" + parameter + "] (" + assignment.key() + ") has no field, so "
          + "each value must be an object of spec fields, not " + assignment.value());
    }
  }

  private static void set(ObjectNode tree, String path, JsonNode value, int parameter) {
    String[] parts = path.split("\\.");
    ObjectNode node = tree;
    for (int k = 0; k < parts.length - 1; k++) {
      JsonNode next = node.get(parts[k]);
      if (next == null || next.isNull()) {
        next = node.putObject(parts[k]);
      } else if (!next.isObject()) {
        throw new InvalidSweepException("spec.matrix.parameters[" + parameter + "].field: " + path + " goes through "
            + parts[k] + ", which is not an object in the template");
      }
      node = (ObjectNode) next;
    }
    node.set(parts[parts.length - 1], value);
  }

  /** RFC 7386 merge patch: objects merge key by key, null removes, anything else replaces. */
  private static void merge(ObjectNode target, ObjectNode patch) {
    patch.fields().forEachRemaining(entry -> {
      JsonNode current = target.get(entry.getKey());
      if (entry.getValue().isNull()) {
        target.remove(entry.getKey());
      } else if (entry.getValue().isObject() && current != null && current.isObject()) {
        merge((ObjectNode) current, (ObjectNode) entry.getValue());
      } else {
        target.set(entry.getKey(), entry.getValue().deepCopy());
      }
    });
  }
}
