package dev.alignment.trainer;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Predicate;

/** A stage's config.json (or one object inside it) with typed getters whose errors name the file and the key. */
public final class StageConfig {
  private final JsonObject json;
  private final String file;
  private final String prefix;

  private StageConfig(JsonObject json, String file, String prefix) {
    this.json = json;
    this.file = file;
    this.prefix = prefix;
  }

  /** The config file's text; a file that is not there or cannot be read is bad input naming it. */
  public static String read(Path path) {
    try {
      return Files.readString(path);
    } catch (NoSuchFileException e) {
      throw new BadInputException(path + ": config file not found");
    } catch (IOException e) {
      throw new BadInputException(path + ": cannot read config: " + e.getMessage(), e);
    }
  }

  /** {@code text}, read from {@code path}, as a config. */
  public static StageConfig parse(Path path, String text) {
    try {
      JsonElement root = JsonParser.parseString(text);
      if (!root.isJsonObject()) {
        throw new BadInputException(path + ": the config must be a JSON object");
      }
      return new StageConfig(root.getAsJsonObject(), path.toString(), "");
    } catch (JsonParseException e) {
      throw new BadInputException(path + ": config is not valid JSON: " + e.getMessage(), e);
    }
  }

  public static StageConfig of(JsonObject json, String file) {
    return new StageConfig(json, file, "");
  }

  public boolean has(String key) {
    return json.has(key) && !json.get(key).isJsonNull();
  }

  public String string(String key) {
    return optString(key).orElseThrow(() -> missing(key));
  }

  public Optional<String> optString(String key) {
    return primitive(key, JsonPrimitive::isString, "must be a string").map(JsonPrimitive::getAsString);
  }

  public double number(String key) {
    return optNumber(key).orElseThrow(() -> missing(key));
  }

  public double number(String key, double fallback) {
    return optNumber(key).orElse(fallback);
  }

  public Optional<Double> optNumber(String key) {
    return primitive(key, JsonPrimitive::isNumber, "must be a number").map(JsonPrimitive::getAsDouble);
  }

  private Optional<JsonPrimitive> primitive(String key, Predicate<JsonPrimitive> type, String problem) {
    if (!has(key)) {
      return Optional.empty();
    }
    JsonElement e = json.get(key);
    if (!e.isJsonPrimitive() || !type.test(e.getAsJsonPrimitive())) {
      throw invalid(key, problem);
    }
    return Optional.of(e.getAsJsonPrimitive());
  }

  public int integer(String key) {
    return toInt(key, number(key));
  }

  public int integer(String key, int fallback) {
    return has(key) ? integer(key) : fallback;
  }

  public long longValue(String key, long fallback) {
    if (!has(key)) {
      return fallback;
    }
    double value = number(key);
    if (value != Math.rint(value)) {
      throw invalid(key, "must be an integer, got " + value);
    }
    return (long) value;
  }

  /** A positive integer, for counts such as steps and batch sizes. */
  public int positive(String key) {
    int value = integer(key);
    if (value <= 0) {
      throw invalid(key, "must be > 0, got " + value);
    }
    return value;
  }

  public StageConfig object(String key) {
    return optObject(key).orElseThrow(() -> missing(key));
  }

  public Optional<StageConfig> optObject(String key) {
    if (!has(key)) {
      return Optional.empty();
    }
    JsonElement e = json.get(key);
    if (!e.isJsonObject()) {
      throw invalid(key, "must be an object");
    }
    return Optional.of(new StageConfig(e.getAsJsonObject(), file, prefix + key + "."));
  }

  public BadInputException invalid(String key, String problem) {
    return new BadInputException(file + ": config key '" + prefix + key + "' " + problem);
  }

  private BadInputException missing(String key) {
    return new BadInputException(file + ": config key '" + prefix + key + "' is missing");
  }

  private int toInt(String key, double value) {
    if (value != Math.rint(value) || Math.abs(value) > Integer.MAX_VALUE) {
      throw invalid(key, "must be an integer, got " + value);
    }
    return (int) value;
  }
}
