package dev.alignment.contract;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Turns Jackson's errors into one line naming the key path, what was expected and what was found. */
final class ContractErrors {
  private static final int QUOTE_LIMIT = 200;
  // Jackson names a missing creator property only in its message.
  private static final Pattern MISSING = Pattern.compile("^Missing required creator property '([^']+)'");

  private ContractErrors() {}

  static String describe(JacksonException e, JsonNode root, Class<?> type) {
    if (!(e instanceof JsonMappingException d)) {
      return e.getOriginalMessage();
    }
    List<String> keys = d.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .toList();
    String path = join(keys);
    List<String> parent = keys.subList(0, Math.max(0, keys.size() - 1));
    if (d instanceof UnrecognizedPropertyException u) {
      return unknownKey(u.getPropertyName(), parent, u.getKnownPropertyIds().stream().map(Object::toString).toList());
    }
    Matcher missing = MISSING.matcher(e.getOriginalMessage());
    if (missing.find()) {
      // Jackson checks required keys before unknown ones, but a misspelt key is the likelier cause: name it first.
      List<String> known = RecordKeys.at(type, parent);
      JsonNode object = root.at(pointer(parent));
      return object.propertyStream().map(Map.Entry::getKey).filter(k -> !known.isEmpty() && !known.contains(k)).findFirst()
          .map(k -> unknownKey(k, parent, known))
          .orElse("missing required key '" + missing.group(1) + "'" + at(parent));
    }
    JsonNode found = root.at(pointer(keys));
    if (d.getCause() instanceof InputCoercionException c) {
      return path + ": expected " + expected(c.getTargetType()) + " in range, got " + quote(found);
    }
    if (d instanceof MismatchedInputException m && m.getTargetType() != null) {
      return path + ": expected " + expected(m.getTargetType()) + ", got " + quote(found);
    }
    return (path.isEmpty() ? "" : path + ": ") + e.getOriginalMessage();
  }

  /** A JSON value as it appeared, cut to 200 characters with a count of what was left out. */
  static String quote(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    String text = node.toString();
    return text.length() <= QUOTE_LIMIT ? text
        : text.substring(0, QUOTE_LIMIT) + "... (" + (text.length() - QUOTE_LIMIT) + " more characters)";
  }

  static String unknownKey(String key, List<String> parent, List<String> known) {
    return "unknown key '" + key + "'" + at(parent) + " (known keys: " + known.stream().sorted().collect(Collectors.joining(", ")) + ")";
  }

  private static String expected(Class<?> type) {
    if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
      return "an integer";
    }
    if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
      return "a number";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type.isEnum()) {
      return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", ", "[", "]"));
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "an array";
    }
    return Map.class.isAssignableFrom(type) || type.isRecord() ? "an object" : type.getSimpleName();
  }

  private static String at(List<String> parent) {
    return parent.isEmpty() ? "" : " at " + join(parent);
  }

  private static String pointer(List<String> keys) {
    return keys.stream().map(k -> "/" + (k.startsWith("[") ? k.substring(1, k.length() - 1) : k)).collect(Collectors.joining());
  }

  private static String join(List<String> keys) {
    return String.join(".", keys).replace(".[", "[");
  }
}
