package dev.alignment.e2e.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.alignment.e2e.Shell;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The contract's committed JSON Schemas (docs/contract/): one per command's config and the termination-log summary's. */
final class ContractSchemas {
  private static final Path DIR = Shell.ROOT.resolve("docs/contract");
  private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  private static final Map<String, Schema> LOADED = new ConcurrentHashMap<>();

  private ContractSchemas() {}

  /** What is wrong with {@code config} by its command's schema, one line a violation; empty when it is valid. */
  static List<String> violations(KitConfig config) {
    return violations(config.command().command(), config.json());
  }

  /** Fails unless {@code config} is valid by its command's schema: the kit sends only what the schema allows. */
  static void assertValid(KitConfig config) {
    assertThat(violations(config)).as("%s schema violations of the kit's config %s", config.command().command(), config.json())
        .isEmpty();
  }

  /** What is wrong with {@code summary} by summary.schema.json; empty when it is valid. */
  static List<String> summaryViolations(JsonNode summary) {
    return violations("summary", summary);
  }

  private static List<String> violations(String name, JsonNode instance) {
    return LOADED.computeIfAbsent(name, ContractSchemas::load).validate(instance).stream().map(Object::toString).toList();
  }

  private static Schema load(String name) {
    Path file = DIR.resolve(name + ".schema.json");
    try (InputStream in = Files.newInputStream(file)) {
      return REGISTRY.getSchema(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the contract's schema " + file, e);
    }
  }
}
