package dev.alignment.trainer.data;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import dev.alignment.trainer.base.Json;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses JSON Lines strictly, one object per line (blank lines skipped), reporting every bad line with its number. */
final class JsonlParser {
  /** Where Gson's messages put the location; what follows (the path of keys read from the input, a link) is dropped. */
  private static final Pattern GSON_LOCATION = Pattern.compile(" at line \\d+ column (\\d+) path .*", Pattern.DOTALL);

  private JsonlParser() {}

  /**
   * Reads each row with {@code reader}, which throws {@link RowProblem} for a row it cannot use, and hands it to
   * {@code rows} as it is read; at the end fails with every bad line, if there was one.
   */
  static <T> void parse(SourceLines source, Function<JsonObject, T> reader, RowConsumer<T> rows) throws IOException {
    DatasetProblems problems = new DatasetProblems(source.name());
    while (true) {
      T row;
      try {
        String line = source.next();
        if (line == null) {
          break;
        }
        if (line.isBlank()) {
          continue;
        }
        row = reader.apply(object(line));
      } catch (RowProblem e) {
        problems.add(source.number(), e.getMessage());
        continue;
      }
      rows.accept(row);
    }
    problems.throwIfAny();
  }

  /** Every row, in memory. */
  static <T> List<T> parseAll(SourceLines source, Function<JsonObject, T> reader) throws IOException {
    List<T> rows = new ArrayList<>();
    parse(source, reader, rows::add);
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

  /** Gson's message without its advice, path and link: "malformed JSON at column 3", "End of input at column 40". */
  private static String describe(Exception e) {
    String message = String.valueOf(e.getMessage());
    Matcher location = GSON_LOCATION.matcher(message);
    String brief = location.find()
        ? message.substring(0, location.start()) + " at column " + location.group(1)
        : message.lines().findFirst().orElse("");
    return brief.replace("Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON", "malformed JSON");
  }

  /** A non-empty string field of a row, which must be Unicode (no unpaired surrogate escapes). */
  static String text(JsonObject row, String field) {
    JsonElement value = row.get(field);
    if (value == null || value.isJsonNull()) {
      throw new RowProblem("missing field '" + field + "'");
    }
    if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
      throw new RowProblem("field '" + field + "' must be a string");
    }
    String text = value.getAsString();
    if (text.isBlank()) {
      throw new RowProblem("field '" + field + "' is empty");
    }
    return unicode(text, "field '" + field + "'");
  }

  /** {@code text}, which must be Unicode (no unpaired surrogate escapes); {@code where} names it in the problem. */
  static String unicode(String text, String where) {
    OptionalInt surrogate = UnpairedSurrogates.first(text);
    if (surrogate.isPresent()) {
      throw new RowProblem(String.format("%s has an unpaired surrogate \\u%04x at character %d: a JSON \\u"
          + " escape of half a surrogate pair is not text", where, (int) text.charAt(surrogate.getAsInt()), surrogate.getAsInt()));
    }
    return text;
  }

  /** What a JSON value is, for problems: "a string", "a number", "an array", ... */
  static String kind(JsonElement value) {
    if (value == null || value.isJsonNull()) {
      return "null";
    }
    if (value.isJsonArray()) {
      return "an array";
    }
    if (value.isJsonObject()) {
      return "an object";
    }
    JsonPrimitive primitive = value.getAsJsonPrimitive();
    return primitive.isString() ? "a string" : primitive.isNumber() ? "a number" : "a boolean";
  }
}
