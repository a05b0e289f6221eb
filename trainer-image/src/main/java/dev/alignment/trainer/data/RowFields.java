package dev.alignment.trainer.data;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.alignment.trainer.rows.Message;
import java.util.List;

/**
 * The text fields of one row, whose format the first of them present sets: then every text field must be a string
 * (standard) or every one a list of messages (conversational).
 */
final class RowFields {
  private final JsonObject row;
  private final String decider;
  private final DatasetFormat format;

  private RowFields(JsonObject row, String decider, DatasetFormat format) {
    this.row = row;
    this.decider = decider;
    this.format = format;
  }

  /**
   * The format of the first of {@code fields} present in the row; a row with none of them is standard, so that reading
   * it reports the missing field.
   */
  static RowFields of(JsonObject row, String... fields) {
    for (String field : fields) {
      JsonElement value = row.get(field);
      if (value == null || value.isJsonNull()) {
        continue;
      }
      if (value.isJsonArray()) {
        return new RowFields(row, field, DatasetFormat.CONVERSATIONAL);
      }
      if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
        throw new RowProblem("field '" + field + "' must be a string or a list of messages, found " + JsonlParser.kind(value));
      }
      return new RowFields(row, field, DatasetFormat.STANDARD);
    }
    return new RowFields(row, fields[0], DatasetFormat.STANDARD);
  }

  DatasetFormat format() {
    return format;
  }

  boolean has(String field) {
    return row.has(field);
  }

  /** A standard row's non-empty string field. */
  String text(String field) {
    if (row.has(field) && row.get(field).isJsonArray()) {
      throw mixed(field, "a list of messages", "a string");
    }
    return JsonlParser.text(row, field);
  }

  /** A conversational row's list of messages. */
  List<Message> messages(String field) {
    JsonElement value = row.get(field);
    if (value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()) {
      throw mixed(field, "a string", "a list of messages");
    }
    return messages(row, field);
  }

  /** A field that can only be a list of messages. */
  static List<Message> messages(JsonObject row, String field) {
    JsonElement value = row.get(field);
    if (value == null || value.isJsonNull()) {
      throw new RowProblem("missing field '" + field + "'");
    }
    if (!value.isJsonArray()) {
      throw new RowProblem("field '" + field + "' must be a list of messages, found " + JsonlParser.kind(value));
    }
    return Messages.read(value.getAsJsonArray(), field);
  }

  private RowProblem mixed(String field, String is, String decided) {
    return new RowProblem("field '" + field + "' is " + is + " but '" + decider + "' is " + decided
        + ": a row is all strings (standard format) or all lists of messages (conversational format)");
  }
}
