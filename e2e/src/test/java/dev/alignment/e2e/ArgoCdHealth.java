package dev.alignment.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Argo CD health checks as shipped in examples/gitops/argocd/argocd-cm-patch.yaml, run under the real lua5.1
 * (Argo CD's gopher-lua implements Lua 5.1) in the sandbox Argo CD gives configured checks (argocd-health/argocd-vm.lua).
 */
final class ArgoCdHealth {
  static final Path PATCH = Shell.ROOT.resolve("examples/gitops/argocd/argocd-cm-patch.yaml");
  static final Path FIXTURES = Shell.ROOT.resolve("e2e/src/test/resources/argocd-health");
  static final String KEY_PREFIX = "resource.customizations.health.alignment.dev_";

  /** What a health script returned. */
  record Health(String status, String message) {}

  private ArgoCdHealth() {}

  /** The health script of each kind, by kind, from the argocd-cm patch's data. */
  static Map<String, String> scripts() {
    Map<String, String> scripts = new TreeMap<>();
    TreeFiles.read(PATCH).path("data").fields().forEachRemaining(entry -> {
      if (entry.getKey().startsWith(KEY_PREFIX)) {
        scripts.put(entry.getKey().substring(KEY_PREFIX.length()), entry.getValue().asText());
      }
    });
    return scripts;
  }

  /** Runs {@code script} with {@code object} as Argo CD's global obj. */
  static Health run(String script, JsonNode object) {
    try {
      Path file = Files.createTempFile("health", ".lua");
      try {
        Files.writeString(file, script);
        String out = Shell.run(Map.of(), List.of("lua5.1", FIXTURES.resolve("argocd-vm.lua").toString(), file.toString()),
            "return " + lua(object));
        String[] lines = out.split("\n", -1);
        return new Health(lines[0], lines[1]);
      } finally {
        Files.delete(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A Lua table constructor for a JSON value, as Argo CD converts the live object: JSON null becomes nil. */
  static String lua(JsonNode node) {
    if (node.isObject()) {
      StringBuilder table = new StringBuilder("{");
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (!field.getValue().isNull()) {
          table.append('[').append(quote(field.getKey())).append("] = ").append(lua(field.getValue())).append(", ");
        }
      }
      return table.append('}').toString();
    }
    if (node.isArray()) {
      StringBuilder list = new StringBuilder("{");
      node.forEach(item -> list.append(lua(item)).append(", "));
      return list.append('}').toString();
    }
    if (node.isTextual()) {
      return quote(node.asText());
    }
    return node.isNull() ? "nil" : node.asText();
  }

  private static String quote(String text) {
    return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
  }
}
