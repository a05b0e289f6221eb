package dev.alignment.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Fails the build when docs/contract/ differs from the schemas generated from the records. With
 * {@code -Dcontract.schemas.refresh=true} it writes them there instead.
 */
class CommittedSchemasAreCurrentTest {
  private static final Path COMMITTED = Path.of(System.getProperty("committed.schemas.dir"));
  private static final Path GENERATED = Path.of(System.getProperty("generated.schemas.dir"));
  private static final boolean REFRESH = Boolean.getBoolean("contract.schemas.refresh");
  private static final String SUFFIX = ".schema.json";
  private static final String FIX = "the contract's JSON Schemas in docs/contract/ are stale: run `mvn -B -o -pl contract test "
      + "-Dtest=CommittedSchemasAreCurrentTest -Dcontract.schemas.refresh=true` and commit docs/contract/";

  @Test
  void everyGeneratedSchemaIsCommittedUnchanged() throws IOException {
    Map<String, String> schemas = ContractSchemas.all();
    Files.createDirectories(GENERATED);
    if (REFRESH) {
      Files.createDirectories(COMMITTED);
      for (Path stale : schemaFiles(COMMITTED)) {
        Files.delete(stale);
      }
    }
    for (Map.Entry<String, String> schema : schemas.entrySet()) {
      String file = schema.getKey() + SUFFIX;
      Files.writeString(GENERATED.resolve(file), schema.getValue());
      if (REFRESH) {
        Files.writeString(COMMITTED.resolve(file), schema.getValue());
      }
      assertThat(COMMITTED.resolve(file)).as(FIX).exists();
      assertThat(Files.readString(COMMITTED.resolve(file))).as(FIX + " (" + file + ")").isEqualTo(schema.getValue());
    }
    assertThat(schemaFiles(COMMITTED).stream().map(p -> p.getFileName().toString()))
        .as(FIX + " (files left over)")
        .containsExactlyInAnyOrderElementsOf(schemas.keySet().stream().map(name -> name + SUFFIX).toList());
  }

  private static List<Path> schemaFiles(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
    }
  }
}
