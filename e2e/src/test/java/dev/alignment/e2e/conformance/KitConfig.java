package dev.alignment.e2e.conformance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alignment.contract.TrainerCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A config the kit sends to a command: the kit's good config for it (resources conformance/&lt;command&gt;.json, a
 * literal copy of contract version 1 rather than the records, so a renamed key shows here) with a case's edits.
 */
record KitConfig(TrainerCommand command, ObjectNode json) {
  private static final ObjectMapper JSON = new ObjectMapper();

  static KitConfig of(TrainerCommand command) {
    String resource = "/conformance/" + command.command() + ".json";
    try (InputStream in = KitConfig.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("the kit has no config for " + command.command() + " (" + resource + ")");
      }
      return new KitConfig(command, (ObjectNode) JSON.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  /** A copy with the key at {@code path} ({@code training.steps}) set to {@code value}. */
  KitConfig with(String path, Object value) {
    ObjectNode copy = json.deepCopy();
    parent(copy, path).set(leaf(path), JSON.valueToTree(value));
    return new KitConfig(command, copy);
  }

  /** A copy without the key at {@code path}. */
  KitConfig without(String path) {
    ObjectNode copy = json.deepCopy();
    if (parent(copy, path).remove(leaf(path)) == null) {
      throw new IllegalArgumentException("the kit's " + command.command() + " config has no key " + path);
    }
    return new KitConfig(command, copy);
  }

  String stage() {
    return json.required("stage").asText();
  }

  String outputDir() {
    return json.required("outputDir").asText();
  }

  int checkpointEvery() {
    return json.required("checkpointEvery").asInt();
  }

  int steps() {
    return json.required("training").required("steps").asInt();
  }

  private static ObjectNode parent(ObjectNode root, String path) {
    ObjectNode node = root;
    String[] keys = path.split("\\.");
    for (int i = 0; i < keys.length - 1; i++) {
      node = (ObjectNode) node.required(keys[i]);
    }
    return node;
  }

  private static String leaf(String path) {
    return path.substring(path.lastIndexOf('.') + 1);
  }
}
