package dev.alignment.trainer.data;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.alignment.trainer.rows.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and checks the {@code {"role", "content"}} messages of a conversational row; a problem names its path in
 * the row, e.g. {@code chosen[2].role}.
 */
final class Messages {
  static final String USER = "user";
  static final String ASSISTANT = "assistant";
  private static final List<String> ROLES = List.of("system", USER, ASSISTANT, "tool");
  private static final List<String> KEYS = List.of("role", "content");

  private Messages() {}

  /** The messages of a JSON array at {@code path}; at least one. */
  static List<Message> read(JsonArray array, String path) {
    if (array.isEmpty()) {
      throw new RowProblem(path + ": no messages");
    }
    List<Message> messages = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      messages.add(message(array.get(i), path + "[" + i + "]"));
    }
    return messages;
  }

  /**
   * Checks that {@code messages}, the elements of the list at {@code path} from index {@code offset} on, end with a
   * message of {@code role}; {@code what} names them in the problem ("a completion").
   */
  static void requireLast(List<Message> messages, int offset, String path, String what, String role) {
    String last = messages.get(messages.size() - 1).role();
    if (!last.equals(role)) {
      throw new RowProblem(path + ": " + what + " must end with " + (role.equals(ASSISTANT) ? "an " : "a ") + role
          + " message, but " + path + "[" + (offset + messages.size() - 1) + "] is \"" + last + "\"");
    }
  }

  private static Message message(JsonElement element, String path) {
    if (!element.isJsonObject()) {
      throw new RowProblem(path + ": must be a {\"role\", \"content\"} object, found " + JsonlParser.kind(element));
    }
    JsonObject object = element.getAsJsonObject();
    for (String key : object.keySet()) {
      if (!KEYS.contains(key)) {
        throw new RowProblem(path + ": key \"" + key + "\" is not supported; a message has only \"role\" and \"content\"");
      }
    }
    String role = string(object, "role", path);
    if (!ROLES.contains(role)) {
      throw new RowProblem(path + ".role: \"" + role + "\" is not one of " + String.join(", ", ROLES));
    }
    return new Message(role, JsonlParser.unicode(string(object, "content", path), path + ".content"));
  }

  private static String string(JsonObject object, String key, String path) {
    JsonElement value = object.get(key);
    if (value == null) {
      throw new RowProblem(path + ": missing \"" + key + "\"");
    }
    if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
      throw new RowProblem(path + "." + key + ": must be a string, found " + JsonlParser.kind(value));
    }
    return value.getAsString();
  }
}
