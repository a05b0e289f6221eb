package dev.alignment.contract;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes contract records strictly: unknown keys, missing required keys, nulls and values of the wrong type
 * (no string-to-number or number-to-string coercion) are refused with a {@link ContractException} naming the key path.
 */
public final class ContractJson {
  private static final String VERSION_KEY = "contractVersion";
  private static final ObjectMapper MAPPER = mapper();

  private ContractJson() {}

  /** A new mapper configured as the reader's, for callers that need Jackson directly (e.g. schema generation). */
  public static ObjectMapper mapper() {
    JsonMapper.Builder builder = JsonMapper.builder();
    // Jackson 2.20 reports a @JsonUnwrapped creator property's keys as unknown under FAIL_ON_UNKNOWN_PROPERTIES
    // (databind #650), so the configs' own top-level keys are checked by read() instead; nested blocks stay Jackson's.
    for (TrainerCommand command : TrainerCommand.values()) {
      builder.withConfigOverride(command.config(), o -> o.setIgnorals(JsonIgnoreProperties.Value.forIgnoreUnknown(true)));
    }
    return builder
        .annotationIntrospector(new RequiredByDefault())
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        // Every key is required unless marked @OptionalKey (RequiredByDefault); FAIL_ON_MISSING_CREATOR_PROPERTIES would
        // make the optional keys (architecture, targetKl, ...) required too.
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .withCoercionConfig(LogicalType.Textual, c -> c
            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
        .withCoercionConfig(LogicalType.Integer, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail))
        .withCoercionConfig(LogicalType.Float, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail))
        .withCoercionConfig(LogicalType.Enum, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
        .build();
  }

  /**
   * Parses {@code json} as {@code type}. A command config ({@link CommandConfig}) must state the {@link ContractVersion#CURRENT}
   * {@code contractVersion}.
   */
  public static <T> T read(String json, Class<T> type) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new ContractException("not valid JSON: " + e.getOriginalMessage() + at(e), e);
    }
    if (root == null || !root.isObject()) {
      throw new ContractException("expected a JSON object, got " + ContractErrors.quote(root));
    }
    if (CommandConfig.class.isAssignableFrom(type)) {
      checkVersion(root);
      rejectUnknownKeys(root, type);
    }
    // An absent key and an explicit null bind alike, so nulls are refused here: a key is given a value or left out.
    rejectNulls(root, "");
    try {
      return MAPPER.treeToValue(root, type);
    } catch (JacksonException e) {
      throw new ContractException(ContractErrors.describe(e, root, type), e);
    }
  }

  /** {@code value} as compact JSON; a record written here reads back equal with {@link #read}. */
  public static String write(Object value) {
    return write(value, MAPPER.writer());
  }

  /** {@code value} as indented JSON, for documents people read too (a stage's ConfigMap). */
  public static String writeIndented(Object value) {
    return write(value, MAPPER.writerWithDefaultPrettyPrinter());
  }

  private static String write(Object value, ObjectWriter writer) {
    try {
      return writer.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      // Not IllegalArgumentException: the operator reads that as an invalid spec and stops retrying.
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + ": " + e.getOriginalMessage(), e);
    }
  }

  private static void checkVersion(JsonNode root) {
    JsonNode version = root.get(VERSION_KEY);
    if (version == null) {
      throw new ContractException("missing required key '" + VERSION_KEY + "'");
    }
    if (!version.isIntegralNumber()) {
      throw new ContractException(VERSION_KEY + ": expected an integer, got " + ContractErrors.quote(version));
    }
    if (!version.canConvertToInt() || version.intValue() != ContractVersion.CURRENT) {
      throw new ContractException(VERSION_KEY + " " + version + " is not supported: this reader knows "
          + VERSION_KEY + " " + ContractVersion.CURRENT);
    }
  }

  private static void rejectUnknownKeys(JsonNode root, Class<?> type) {
    List<String> known = RecordKeys.at(type, List.of());
    root.propertyStream().map(Map.Entry::getKey).filter(k -> !known.contains(k)).findFirst().ifPresent(k -> {
      throw new ContractException(ContractErrors.unknownKey(k, List.of(), known));
    });
  }

  private static void rejectNulls(JsonNode node, String path) {
    if (node.isNull()) {
      throw new ContractException(path + ": must not be null");
    }
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> rejectNulls(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey()));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        rejectNulls(node.get(i), path + "[" + i + "]");
      }
    }
  }

  private static String at(JsonProcessingException e) {
    return e.getLocation() == null ? ""
        : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
  }
}
