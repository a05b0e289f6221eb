package dev.alignment.trainer.hf;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alignment.trainer.base.BadInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/** One JSON object file of a Hugging Face directory, read with typed getters whose errors name the file and the key. */
record ConfigJson(Path file, JsonNode root) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  static ConfigJson read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new BadInputException(file + ": file not found");
    } catch (IOException e) {
      throw new BadInputException(file + ": cannot read: " + e.getMessage(), e);
    }
    return parse(file, bytes);
  }

  /** Parses a file's bytes; {@code file} names it in messages. */
  static ConfigJson parse(Path file, byte[] bytes) {
    JsonNode root;
    try {
      root = MAPPER.readTree(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString());
    } catch (CharacterCodingException e) {
      throw new BadInputException(file + ": not UTF-8 text", e);
    } catch (JsonProcessingException e) {
      throw new BadInputException(file + ": not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new BadInputException(file + ": expected a JSON object");
    }
    return new ConfigJson(file, root);
  }

  static Optional<ConfigJson> readIfPresent(Path file) {
    return Files.exists(file) ? Optional.of(read(file)) : Optional.empty();
  }

  boolean has(String key) {
    JsonNode node = root.get(key);
    return node != null && !node.isNull();
  }

  int requireInt(String key) {
    JsonNode node = require(key);
    if (!node.canConvertToExactIntegral() || !node.canConvertToInt()) {
      throw mistyped(key, "an integer", node);
    }
    return node.asInt();
  }

  int optInt(String key, int fallback) {
    return has(key) ? requireInt(key) : fallback;
  }

  double requireDouble(String key) {
    JsonNode node = require(key);
    if (!node.isNumber()) {
      throw mistyped(key, "a number", node);
    }
    return node.asDouble();
  }

  double optDouble(String key, double fallback) {
    return has(key) ? requireDouble(key) : fallback;
  }

  boolean optBoolean(String key, boolean fallback) {
    if (!has(key)) {
      return fallback;
    }
    JsonNode node = root.get(key);
    if (!node.isBoolean()) {
      throw mistyped(key, "true or false", node);
    }
    return node.asBoolean();
  }

  String requireString(String key) {
    JsonNode node = require(key);
    if (!node.isTextual()) {
      throw mistyped(key, "a string", node);
    }
    return node.asText();
  }

  Optional<String> optString(String key) {
    return has(key) ? Optional.of(requireString(key)) : Optional.empty();
  }

  JsonNode require(String key) {
    if (!has(key)) {
      throw new BadInputException(file + ": missing key \"" + key + "\"");
    }
    return root.get(key);
  }

  /** {@code len(id2label)}, as transformers derives {@code num_labels}; 2 when absent, its default. */
  int numLabels() {
    if (!has("id2label")) {
      return 2;
    }
    JsonNode labels = root.get("id2label");
    if (!labels.isObject() || labels.isEmpty()) {
      throw problem("id2label", "expected a non-empty object, found " + labels);
    }
    return labels.size();
  }

  OptionalInt optIntValue(String key) {
    return has(key) ? OptionalInt.of(requireInt(key)) : OptionalInt.empty();
  }

  /** Refuses a config that asks for something this implementation does not compute, naming the key. */
  void refuseUnless(boolean supported, String key, String why) {
    if (!supported) {
      throw problem(key, why);
    }
  }

  BadInputException problem(String key, String message) {
    return new BadInputException(file + ": key \"" + key + "\": " + message);
  }

  private BadInputException mistyped(String key, String expected, JsonNode found) {
    return problem(key, "expected " + expected + ", found " + found);
  }
}
