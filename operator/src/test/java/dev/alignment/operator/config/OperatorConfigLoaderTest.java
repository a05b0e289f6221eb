package dev.alignment.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperatorConfigLoaderTest {
  @TempDir Path dir;

  @Test
  void defaultsWithoutFileOrEnvironment() {
    assertThat(OperatorConfigLoader.load(null, Map.of())).isEqualTo(OperatorConfig.defaults());
  }

  @Test
  void fileThenEnvironmentOverride() throws Exception {
    Path file = Files.writeString(dir.resolve("operator.yaml"), """
        trainerImage: registry.example/trainer:2
        watchNamespaces: [team-a, team-b]
        retryBackoffSeconds: 3
        """);

    OperatorConfig config = OperatorConfigLoader.load(file, Map.of(
        "ALIGNMENT_WORKSPACE_CLAIM", "shared-ws", "ALIGNMENT_RETRY_BACKOFF_SECONDS", "1",
        "ALIGNMENT_LEADER_ELECTION", "true", "ALIGNMENT_WATCH_NAMESPACES", "x, y"));

    assertThat(config.trainerImage()).isEqualTo("registry.example/trainer:2");
    assertThat(config.workspaceClaim()).isEqualTo("shared-ws");
    assertThat(config.retryBackoffSeconds()).isEqualTo(1);
    assertThat(config.leaderElection()).isTrue();
    assertThat(config.watchNamespaces()).isEqualTo(List.of("x", "y"));
    assertThat(config.metricsPort()).isEqualTo(8080);
  }

  @Test
  void unknownKeyIsNamed() throws Exception {
    Path file = Files.writeString(dir.resolve("operator.yaml"), "trainerImagee: x\n");

    assertThatThrownBy(() -> OperatorConfigLoader.load(file, Map.of()))
        .hasMessageContaining("unknown key 'trainerImagee'").hasMessageContaining(file.toString());
  }

  @Test
  void badValueIsNamed() {
    assertThatThrownBy(() -> OperatorConfigLoader.load(null, Map.of("ALIGNMENT_METRICS_PORT", "eighty")))
        .hasMessage("invalid operator config: metricsPort = 'eighty' (from environment variable "
            + "ALIGNMENT_METRICS_PORT) is not a valid int");
  }

  @Test
  void sweepLimitsAreSettingsOfAtLeastOne() {
    OperatorConfig config = OperatorConfigLoader.load(null, Map.of("ALIGNMENT_SWEEP_MAX_CELLS", "500",
        "ALIGNMENT_SWEEP_CREATE_BATCH", "10", "ALIGNMENT_SWEEP_LEADERBOARD_TOP", "5"));
    assertThat(config.sweepMaxCells()).isEqualTo(500);
    assertThat(config.sweepCreateBatch()).isEqualTo(10);
    assertThat(config.sweepLeaderboardTop()).isEqualTo(5);

    assertThatThrownBy(() -> OperatorConfigLoader.load(null, Map.of("ALIGNMENT_SWEEP_CREATE_BATCH", "0")))
        .hasMessageContaining("sweepCreateBatch must be at least 1, not 0");
  }

  @Test
  void environmentNamesFollowTheFieldNames() {
    assertThat(OperatorConfigLoader.envName("trainerImage")).isEqualTo("ALIGNMENT_TRAINER_IMAGE");
    assertThat(OperatorConfigLoader.envName("retryBackoffMaxSeconds")).isEqualTo("ALIGNMENT_RETRY_BACKOFF_MAX_SECONDS");
  }
}
