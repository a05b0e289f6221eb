package dev.alignment.e2e.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alignment.contract.ContractVersion;
import dev.alignment.contract.ExitCode;
import dev.alignment.contract.TrainerCommand;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Conformance, bad input: a config the contract refuses (unknown key, missing required key, wrong type, unknown
 * contractVersion) or a bad dataset row ends the stage with exit 2 and a termination-log message naming the key, or
 * the file and line. The command's schema refuses each such config too, the unknown contract version included.
 */
class ConformanceBadInputIT {
  @TempDir Path dir;

  /** An edit that makes a good config bad, and the key the trainer's message must name. */
  record Refusal(String what, UnaryOperator<KitConfig> edit, String key) {
    @Override
    public String toString() {
      return what;
    }
  }

  static Stream<Arguments> refusals() {
    int unknownVersion = ContractVersion.CURRENT + 1;
    return Stream.of(
        Arguments.of(TrainerCommand.SFT, new Refusal("unknown key", c -> c.with("trainingSteps", 10), "trainingSteps")),
        Arguments.of(TrainerCommand.SFT, new Refusal("missing required key", c -> c.without("dataset"), "dataset")),
        Arguments.of(TrainerCommand.SFT, new Refusal("wrong type", c -> c.with("training.learningRate", "fast"), "learningRate")),
        Arguments.of(TrainerCommand.SFT, new Refusal("unknown contractVersion", c -> c.with("contractVersion", unknownVersion), "contractVersion")),
        Arguments.of(TrainerCommand.DPO, new Refusal("unknown key", c -> c.with("betta", 0.2), "betta")),
        Arguments.of(TrainerCommand.DPO, new Refusal("missing required key", c -> c.without("reference"), "reference")),
        Arguments.of(TrainerCommand.DPO, new Refusal("wrong type", c -> c.with("beta", "high"), "beta")),
        Arguments.of(TrainerCommand.DPO, new Refusal("unknown contractVersion", c -> c.with("contractVersion", unknownVersion), "contractVersion")));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("refusals")
  void aConfigTheContractRefusesExitsTwoNamingTheKey(TrainerCommand command, Refusal refusal) {
    KitConfig config = refusal.edit().apply(KitConfig.of(command));
    assertThat(ContractSchemas.violations(config)).as("%s schema violations of %s", command.command(), config.json()).isNotEmpty();

    Outcome outcome = Outcome.of(KitData.workspace(dir), config);

    outcome.assertExit(ExitCode.BAD_INPUT);
    assertThat(outcome.message()).as("termination-log message").contains(refusal.key());
  }

  @Test
  void aBadDatasetRowExitsTwoNamingTheFileAndLine() {
    KitConfig config = KitConfig.of(TrainerCommand.VALIDATE_DATASET).with("source", "file://" + KitData.BAD_PAIRS);
    ContractSchemas.assertValid(config);

    Outcome outcome = Outcome.of(KitData.workspace(dir), config);

    outcome.assertExit(ExitCode.BAD_INPUT);
    assertThat(outcome.message()).as("termination-log message")
        .contains(KitData.BAD_PAIRS).contains("line " + KitData.BAD_LINE).contains("worse");
  }
}
