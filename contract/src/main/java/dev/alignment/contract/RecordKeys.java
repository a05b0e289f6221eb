package dev.alignment.contract;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;

/** The keys a contract record takes at a key path below a root record (its components' names: no record renames one). */
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
    return type.isRecord() ? Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList() : List.of();
  }

  private static Class<?> component(Class<?> type, String key) {
    return Arrays.stream(type.getRecordComponents()).filter(c -> c.getName().equals(key))
        .map(RecordComponent::getType).findFirst().orElse(null);
  }
}
