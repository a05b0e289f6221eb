package dev.alignment.e2e.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alignment.contract.ExitCode;

/** How a stage run to its end went: the config it ran, its exit code, the summary in its termination log, its output. */
record Outcome(KitConfig config, int exit, JsonNode summary, String logs) {
  /** Runs attempt 1 of {@code config}'s stage, without a network, to its exit. */
  static Outcome of(Workspace workspace, KitConfig config) {
    try (TrainerContainer trainer = TrainerContainer.start(workspace, config, 1, false)) {
      int exit = trainer.awaitExit();
      return new Outcome(config, exit, trainer.summary(), trainer.logs());
    }
  }

  /** Asserts the contract's exit code {@code expected} and a summary its schema accepts; returns the summary. */
  JsonNode assertExit(ExitCode expected) {
    assertThat(exit).as("exit code of %s on the config%n%s%nits output:%n%s", config.command().command(), config.json(), logs)
        .isEqualTo(expected.code());
    assertThat(ContractSchemas.summaryViolations(summary)).as("summary.schema.json violations of %s", summary).isEmpty();
    return summary;
  }

  String message() {
    return summary.path("message").asText();
  }
}
