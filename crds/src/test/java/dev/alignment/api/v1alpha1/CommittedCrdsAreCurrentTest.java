package dev.alignment.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Fails the build when the chart's CRDs differ from the ones generated from the API classes. */
class CommittedCrdsAreCurrentTest {
  private static final Path GENERATED = Path.of(System.getProperty("generated.crds.dir"));
  private static final Path COMMITTED = Path.of(System.getProperty("committed.crds.dir"));
  private static final String FIX = "CRDs in the chart are stale: run `make crds` and commit charts/alignment-operator/crds/";

  @Test
  void everyGeneratedCrdIsCommittedUnchanged() throws IOException {
    List<Path> generated = yamlFiles(GENERATED);
    assertThat(generated).as("generated CRDs: the five kinds").hasSize(5);
    for (Path file : generated) {
      Path committed = COMMITTED.resolve(file.getFileName());
      assertThat(committed).as(FIX).exists();
      assertThat(Files.readString(committed)).as(FIX + " (" + file.getFileName() + ")").isEqualTo(Files.readString(file));
    }
  }

  @Test
  void noCommittedCrdIsLeftOver() throws IOException {
    List<Path> names = yamlFiles(GENERATED).stream().map(Path::getFileName).toList();
    assertThat(yamlFiles(COMMITTED).stream().map(Path::getFileName)).as(FIX).containsExactlyInAnyOrderElementsOf(names);
  }

  private static List<Path> yamlFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
    }
  }
}
