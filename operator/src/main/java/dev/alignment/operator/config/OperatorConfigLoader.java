package dev.alignment.operator.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds {@link OperatorConfig}: defaults, then the YAML file (if any), then environment variables named
 * {@code ALIGNMENT_} plus the field name in upper snake case (e.g. {@code ALIGNMENT_TRAINER_IMAGE}); lists are
 * comma-separated. Unknown keys and unparsable values fail with a message naming the key and its source.
 */
public final class OperatorConfigLoader {
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private OperatorConfigLoader() {}

  public static OperatorConfig load(Path file, Map<String, String> env) {
    Map<String, Object> values = YAML.convertValue(OperatorConfig.defaults(), Map.class);
    Map<String, String> sources = new LinkedHashMap<>();
    if (file != null) {
      Map<String, Object> fromFile = readFile(file);
      values.putAll(fromFile);
      fromFile.keySet().forEach(key -> sources.put(key, file.toString()));
    }
    for (RecordComponent component : OperatorConfig.class.getRecordComponents()) {
      String variable = envName(component.getName());
      String override = env.get(variable);
      if (override != null) {
        values.put(component.getName(), parse(override, component.getType()));
        sources.put(component.getName(), "environment variable " + variable);
      }
    }
    try {
      return YAML.convertValue(values, OperatorConfig.class);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(describe(e, values, sources), e);
    }
  }

  /** Names the key, its value, where it came from and the expected type. */
  private static String describe(IllegalArgumentException e, Map<String, Object> values, Map<String, String> sources) {
    if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String key = mapping.getPath().get(0).getFieldName();
      String type = Arrays.stream(OperatorConfig.class.getRecordComponents())
          .filter(c -> c.getName().equals(key)).map(c -> c.getType().getSimpleName()).findFirst().orElse("?");
      return "invalid operator config: " + key + " = '" + values.get(key) + "' (from "
          + sources.getOrDefault(key, "defaults") + ") is not a valid " + type;
    }
    return "invalid operator config: " + e.getMessage();
  }

  /** {@code trainerImage} becomes {@code ALIGNMENT_TRAINER_IMAGE}. */
  static String envName(String field) {
    return "ALIGNMENT_" + field.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase();
  }

  private static Map<String, Object> readFile(Path file) {
    try {
      Map<String, Object> read = YAML.readValue(Files.readString(file), LinkedHashMap.class);
      List<String> known = Arrays.stream(OperatorConfig.class.getRecordComponents()).map(RecordComponent::getName).toList();
      for (String key : read == null ? List.<String>of() : read.keySet()) {
        if (!known.contains(key)) {
          throw new IllegalArgumentException(
              "invalid operator config " + file + ": unknown key '" + key + "' (known keys: " + known + ")");
        }
      }
      return read == null ? Map.of() : read;
    } catch (UnrecognizedPropertyException e) {
      throw new IllegalArgumentException("invalid operator config " + file + ": " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read operator config " + file + ": " + e.getMessage(), e);
    }
  }

  private static Object parse(String value, Class<?> type) {
    if (type == List.class) {
      return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
    return value;
  }
}
