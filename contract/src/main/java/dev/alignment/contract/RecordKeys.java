package dev.alignment.contract;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The keys a contract record takes at a key path below a root record: its components' names (no record renames one),
 * with a {@code @JsonUnwrapped} component's keys in place of its own name.
 */
final class RecordKeys {
  private RecordKeys() {}

  /** The keys of the record at {@code path} below {@code root}; empty where the path leaves records. */
  static List<String> at(Class<?> root, List<String> path) {
    Class<?> type = root;
    for (String key : path) {
      type = type.isRecord() ? component(type, key) : null;
      if (type == null) {
        return List.of();
      }
    }
    return type.isRecord() ? components(type).stream().map(RecordComponent::getName).toList() : List.of();
  }

  /** The components that stand for keys of {@code record}'s JSON object, unwrapped ones replaced by theirs. */
  static List<RecordComponent> components(Class<?> record) {
    return Arrays.stream(record.getRecordComponents())
        .flatMap(c -> c.getAccessor().isAnnotationPresent(JsonUnwrapped.class) ? components(c.getType()).stream() : Stream.of(c))
        .toList();
  }

  private static Class<?> component(Class<?> type, String key) {
    return components(type).stream().filter(c -> c.getName().equals(key))
        .map(RecordComponent::getType).findFirst().orElse(null);
  }
}
