package dev.alignment.e2e.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alignment.contract.ExitCode;
import dev.alignment.contract.TrainerCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Conformance, good input: each config the kit sends is valid by its command's schema, and the stage exits 0 with a
 * summary valid by summary.schema.json, its output where the contract puts it.
 */
class ConformanceTinyRunsIT {
  @TempDir Path dir;

  @Test
  void validateDatasetWritesTheSplitWithTheFieldsMapped() throws IOException {
    Workspace workspace = KitData.workspace(dir);
    KitConfig config = KitConfig.of(TrainerCommand.VALIDATE_DATASET);

    JsonNode summary = runGood(workspace, config);

    assertThat(summary.path("output").asText()).isEqualTo("file://" + config.outputDir());
    JsonNode metrics = summary.path("metrics");
    assertThat(metrics.path("trainPairs").asDouble() + metrics.path("validationPairs").asDouble())
        .as("trainPairs + validationPairs in %s", metrics).isEqualTo(KitData.rows());
    Path train = workspace.host(config.outputDir() + "/train.jsonl");
    assertThat(workspace.host(config.outputDir() + "/validation.jsonl")).isRegularFile();
    try (Stream<String> rows = Files.lines(train)) {
      assertThat(rows).isNotEmpty().allSatisfy(row ->
          assertThat(row).contains("\"prompt\"").contains("\"chosen\"").contains("\"rejected\"").doesNotContain("\"question\""));
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"SFT", "DPO"})
  void aTinyTrainingStageSavesItsModel(TrainerCommand command) throws IOException {
    Workspace workspace = KitData.workspace(dir);
    KitConfig config = KitConfig.of(command);

    JsonNode summary = runGood(workspace, config);

    assertThat(summary.path("output").asText()).isEqualTo("file://" + config.outputDir() + "/model");
    try (Stream<Path> files = Files.list(workspace.host(config.outputDir() + "/model"))) {
      assertThat(files).as("the saved model's files").isNotEmpty();
    }
  }

  private static JsonNode runGood(Workspace workspace, KitConfig config) {
    ContractSchemas.assertValid(config);
    return Outcome.of(workspace, config).assertExit(ExitCode.OK);
  }
}
