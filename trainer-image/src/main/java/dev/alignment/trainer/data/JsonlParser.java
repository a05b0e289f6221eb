package dev.alignment.trainer.data;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import dev.alignment.trainer.Json;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Parses JSON Lines strictly, one object per line (blank lines skipped), reporting every bad line with its number. */
final class JsonlParser {
  private JsonlParser() {}

  /** Reads each row with {@code reader}, which throws {@link RowProblem} for a row it cannot use. */
  static <T> List<T> parse(SourceLines source, Function<JsonObject, T> reader) {
    DatasetProblems problems = new DatasetProblems(source.name());
    List<T> rows = new ArrayList<>();
    List<String> lines = source.lines();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      try {
        rows.add(reader.apply(object(line)));
      } catch (RowProblem e) {
        problems.add(i + 1, e.getMessage());
      }
    }
    problems.throwIfAny();
    return rows;
  }

  private static JsonObject object(String line) {
    JsonElement element;
    try (JsonReader json = new JsonReader(new StringReader(line))) {
      json.setStrictness(Strictness.STRICT);
      element = Json.GSON.getAdapter(JsonElement.class).read(json);
      if (json.peek() != JsonToken.END_DOCUMENT) {
        throw new RowProblem("bad JSON: unexpected text after the object");
      }
    } catch (IOException | JsonParseException | IllegalStateException e) {
      throw new RowProblem("bad JSON: " + describe(e));
    }
    if (!element.isJsonObject()) {
      throw new RowProblem("not a JSON object");
    }
    return element.getAsJsonObject();
  }

  /** Gson's message without its advice and link: "malformed JSON at column 3", "End of input at column 40". */
  private static String describe(Exception e) {
    String first = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    return first.replace("Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON", "malformed JSON")
        .replace(" at line 1 column ", " at column ")
        .replaceAll(" path \\S*$", "");
  }

  /** A non-empty string field of a row. */
  static String text(JsonObject row, String field) {
    JsonElement value = row.get(field);
    if (value == null || value.isJsonNull()) {
      throw new RowProblem("missing field '" + field + "'");
    }
    if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
      throw new RowProblem("field '" + field + "' must be a string");
    }
    if (value.getAsString().isBlank()) {
      throw new RowProblem("field '" + field + "' is empty");
    }
    return value.getAsString();
  }
}
