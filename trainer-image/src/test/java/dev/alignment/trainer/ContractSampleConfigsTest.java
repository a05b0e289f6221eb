package dev.alignment.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alignment.contract.TrainerCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The contract module's operator-shaped sample configs, one per command, are accepted by the trainer's reader. */
class ContractSampleConfigsTest {
  /** Surefire runs in the module's directory; the samples are the contract module's test resources. */
  private static final Path SAMPLES = Path.of("../contract/src/test/resources/configs");

  @Test
  void theTrainerReadsEveryCommandsSampleConfig() throws IOException {
    List<Path> files;
    try (Stream<Path> listed = Files.list(SAMPLES)) {
      files = listed.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(files).extracting(f -> f.getFileName().toString().replace(".json", ""))
        .containsExactlyInAnyOrderElementsOf(Arrays.stream(TrainerCommand.values()).map(TrainerCommand::command).toList());
    for (Path file : files) {
      TrainerCommand command = Stages.command(file.getFileName().toString().replace(".json", ""));
      assertThat(ContractReader.read(command, file, Files.readString(file)))
          .as(file.toString()).isInstanceOf(command.config());
    }
  }
}
