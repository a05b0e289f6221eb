package dev.alignment.operator.config;

import java.util.List;

/**
 * One of the operator config's allow-lists: an entry is a value, or a prefix followed by {@code *} ({@code *} alone
 * allows anything). Empty allows nothing.
 */
public record AllowList(String setting, List<String> entries) {
  public AllowList {
    entries = List.copyOf(entries);
  }

  public boolean permits(String value) {
    return entries.stream().anyMatch(entry -> entry.endsWith("*")
        ? value.startsWith(entry.substring(0, entry.length() - 1))
        : value.equals(entry));
  }
}
