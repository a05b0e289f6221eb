package dev.alignment.operator.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keeps a status small whatever it quotes: every {@code message} (the object's, each condition's, each stage's)
 * is cut to {@link #MAX_MESSAGE} characters. Messages quote trainers and the API server, which may echo a
 * user's value back at any length, and the same text appears in several places of one status.
 */
public final class StatusLimits {
  public static final int MAX_MESSAGE = 1024;
  private static final String MESSAGE = "message";

  private StatusLimits() {}

  /** The status tree with every message field cut to size; the tree is changed in place and returned. */
  public static JsonNode bounded(JsonNode status) {
    if (status instanceof ObjectNode object) {
      List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
      object.fields().forEachRemaining(fields::add);
      for (Map.Entry<String, JsonNode> field : fields) {
        if (MESSAGE.equals(field.getKey()) && field.getValue().isTextual()) {
          object.set(MESSAGE, TextNode.valueOf(cut(field.getValue().asText())));
        } else {
          bounded(field.getValue());
        }
      }
    } else if (status instanceof ArrayNode array) {
      array.forEach(StatusLimits::bounded);
    }
    return status;
  }

  /** The text, or its first part and how much was left out. */
  public static String cut(String text) {
    if (text == null || text.length() <= MAX_MESSAGE) {
      return text;
    }
    String tail = "... (" + (text.length() - MAX_MESSAGE) + " more characters)";
    return text.substring(0, MAX_MESSAGE - tail.length()) + tail;
  }
}
