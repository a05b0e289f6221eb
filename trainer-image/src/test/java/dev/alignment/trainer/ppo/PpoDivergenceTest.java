package dev.alignment.trainer.ppo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alignment.trainer.Main;
import dev.alignment.trainer.TrainerRun;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A PPO run whose models diverge stops with bad input naming the learning rates, instead of training on NaN. */
class PpoDivergenceTest {
  @TempDir Path work;

  @Test
  void aHugeLearningRateStopsTheRunWithBadInput() throws Exception {
    Map<String, Object> config = PpoRuns.config(work.resolve("ppo"), 10, 50, Map.of("topology", "Colocated"));
    config.put("training", Map.of("steps", 10, "batchSize", 8, "learningRate", 1000.0, "seed", 7));
    TrainerRun run = TrainerRun.stage(work, "ppo-actor", config);
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(Main.BAD_INPUT);
    assertThat(run.message()).startsWith("PPO diverged at iteration ").contains("lower training.learningRate (1000.0)");
    assertThat(work.resolve("ppo/checkpoints")).doesNotExist();
  }
}
