package dev.alignment.trainer.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

/** JSON Lines text for the dataset format tests: messages, message lists and in-memory sources. */
final class Rows {
  private Rows() {}

  static String message(String role, String content) {
    return "{\"role\": \"" + role + "\", \"content\": \"" + content + "\"}";
  }

  static String user(String content) {
    return message("user", content);
  }

  static String assistant(String content) {
    return message("assistant", content);
  }

  /** A JSON array of the given JSON values. */
  static String list(String... values) {
    return Arrays.stream(values).collect(Collectors.joining(", ", "[", "]"));
  }

  static SourceLines source(String... lines) throws IOException {
    return new SourceLines("data.jsonl", new ByteArrayInputStream(String.join("\n", lines).getBytes(StandardCharsets.UTF_8)));
  }
}
