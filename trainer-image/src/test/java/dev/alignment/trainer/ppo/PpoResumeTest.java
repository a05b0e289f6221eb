package dev.alignment.trainer.ppo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alignment.trainer.TrainerRun;
import dev.alignment.trainer.model.Checkpoints;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PPO run killed after a checkpoint resumes from it, critic included, and ends exactly where an uninterrupted run
 * ends: the same policy and value model, bit for bit, and the same metrics.
 */
class PpoResumeTest {
  private static final int STEPS = 8;
  private static final int CHECKPOINT_EVERY = 3;

  @TempDir Path work;

  @Test
  void aKilledPpoRunResumesAndMatchesAnUninterruptedOne() throws Exception {
    Path killedDir = work.resolve("killed");
    Path configFile = TrainerRun.configFile(work.resolve("killed-config"), "ppo-actor", config(killedDir));

    Process process = TrainerRun.process("ppo-actor", configFile);
    CompletableFuture.runAsync(() -> readUntil(process, "step 5/" + STEPS)).get(120, TimeUnit.SECONDS);
    process.destroyForcibly();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

    List<Path> actorCheckpoints = new Checkpoints(killedDir.resolve("checkpoints")).complete();
    assertThat(actorCheckpoints).isNotEmpty();
    int checkpoint = Checkpoints.step(actorCheckpoints.get(actorCheckpoints.size() - 1));
    assertThat(checkpoint).isIn(3, 6);
    assertThat(new Checkpoints(killedDir.resolve("critic/checkpoints")).complete()).extracting(Checkpoints::step).contains(checkpoint);
    assertThat(killedDir.resolve("model")).doesNotExist();

    TrainerRun resumed = TrainerRun.command(work, "ppo-actor", "--config", configFile.toString());
    assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
    assertThat(resumed.stdout()).contains("resumed from checkpoint at step " + checkpoint)
        .contains("step " + (checkpoint + 1) + "/" + STEPS).doesNotContain("step 1/" + STEPS).contains("step " + STEPS + "/" + STEPS);

    Path straightDir = work.resolve("straight");
    TrainerRun straight = TrainerRun.stage(work, "ppo-actor", config(straightDir));
    assertThat(straight.exitCode()).as(straight.toString()).isZero();

    for (String file : List.of("model/body.params", "model/head.params", "value-model/body.params", "value-model/head.params")) {
      assertThat(killedDir.resolve(file)).as(file).hasSameBinaryContentAs(straightDir.resolve(file));
    }
    assertThat(resumed.summary().get("metrics")).isEqualTo(straight.summary().get("metrics"));
    assertThat(resumed.metric("objective/kl")).isPositive();
    assertThat(resumed.metric("kl_coef")).isNotEqualTo(0.05);
  }

  /** Adaptive KL with a short horizon, so that the coefficient moves and its restore matters. */
  private static Map<String, Object> config(Path outputDir) {
    return PpoRuns.config(outputDir, STEPS, CHECKPOINT_EVERY, Map.of("topology", "Colocated", "targetKl", 0.5, "klHorizon", 50));
  }

  private static void readUntil(Process process, String prefix) {
    try {
      BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.startsWith(prefix)) {
          return;
        }
      }
      throw new IllegalStateException("the trainer exited before printing '" + prefix + "'");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
