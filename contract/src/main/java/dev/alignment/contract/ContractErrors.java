package dev.alignment.contract;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DatabindException;
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
  // Jackson reports a missing or null creator property only in its message; the path is the enclosing object's.
  private static final Pattern MISSING = Pattern.compile("^Missing required creator property '([^']+)'");
  private static final Pattern NULL = Pattern.compile("^Null value for creator property '([^']+)'");

  private ContractErrors() {}

  static String describe(JacksonException e, JsonNode root) {
    if (e instanceof InputCoercionException c) {
      String path = pointerPath(c.getProcessor());
      return path + ": expected " + expected(c.getTargetType()) + " in range, got " + quote(root.at(pointer(path)));
    }
    if (!(e instanceof DatabindException d)) {
      return e.getOriginalMessage();
    }
    List<String> keys = ((JsonMappingException) d).getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .toList();
    String path = join(keys);
    if (d instanceof UnrecognizedPropertyException u) {
      String parent = join(keys.subList(0, Math.max(0, keys.size() - 1)));
      String known = u.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", "));
      return "unknown key '" + u.getPropertyName() + "'" + (parent.isEmpty() ? "" : " at " + parent) + " (known keys: " + known + ")";
    }
    String message = e.getOriginalMessage();
    Matcher missing = MISSING.matcher(message);
    if (missing.find()) {
      return "missing required key '" + missing.group(1) + "'" + (path.isEmpty() ? "" : " at " + path);
    }
    Matcher isNull = NULL.matcher(message);
    if (isNull.find()) {
      return join(concat(keys, isNull.group(1))) + ": must not be null";
    }
    if (d instanceof MismatchedInputException m && m.getTargetType() != null) {
      JsonNode found = root.at(pointer(path));
      return path + ": expected " + expected(m.getTargetType()) + ", got " + (found.isMissingNode() ? "nothing" : quote(found));
    }
    return (path.isEmpty() ? "" : path + ": ") + message;
  }

  /** A JSON value as it appeared, cut to 200 characters with a count of what was left out. */
  static String quote(JsonNode node) {
    String text = node.toString();
    return text.length() <= QUOTE_LIMIT ? text
        : text.substring(0, QUOTE_LIMIT) + "... (" + (text.length() - QUOTE_LIMIT) + " more characters)";
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

  private static String pointerPath(Object processor) {
    if (!(processor instanceof JsonParser parser)) {
      return "";
    }
    String pointer = parser.getParsingContext().pathAsPointer().toString();
    return pointer.isEmpty() ? "" : pointer.substring(1).replace('/', '.');
  }

  private static String pointer(String path) {
    return path.isEmpty() ? "" : "/" + path.replace('.', '/').replace("[", "").replace("]", "");
  }

  private static List<String> concat(List<String> keys, String key) {
    return java.util.stream.Stream.concat(keys.stream(), java.util.stream.Stream.of(key)).toList();
  }

  private static String join(List<String> keys) {
    return String.join(".", keys).replace(".[", "[");
  }
}
