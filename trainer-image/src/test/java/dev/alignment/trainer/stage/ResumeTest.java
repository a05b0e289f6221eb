package dev.alignment.trainer.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.alignment.trainer.TrainerRun;
import dev.alignment.trainer.model.Checkpoints;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stage killed mid-way resumes from its newest checkpoint and ends where an uninterrupted run ends. */
class ResumeTest {
  private static final int STEPS = 200;
  private static final Pattern STEP_LINE = Pattern.compile("step (\\d+)/" + STEPS + " .*");

  @TempDir Path work;

  private Map<String, Object> sftConfig(Path outputDir) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("stage", "sft");
    config.put("outputDir", outputDir.toString());
    config.put("checkpointEvery", 20);
    config.put("metricsPort", -1);
    config.put("model", Map.of("uri", "builtin://tiny", "tokenizer", "builtin://words"));
    config.put("dataset", "builtin://sentiment/sft?count=500");
    config.put("datasetKind", "demonstrations");
    config.put("training", Map.of("steps", STEPS, "batchSize", 8, "learningRate", 1e-3, "seed", 5));
    return config;
  }

  @Test
  void aKilledSftStageResumesFromItsCheckpointAndMatchesAnUninterruptedRun() throws Exception {
    Path killedDir = work.resolve("killed");
    Path configFile = TrainerRun.configFile(work.resolve("killed-config"), "sft", sftConfig(killedDir));

    Process process = TrainerRun.process("sft", configFile);
    int reached = CompletableFuture.supplyAsync(() -> stepAfterTwoCheckpoints(process)).get(120, TimeUnit.SECONDS);
    process.destroyForcibly();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

    List<Path> left = new Checkpoints(killedDir.resolve("checkpoints")).complete();
    assertThat(left).isNotEmpty();
    int checkpointStep = Checkpoints.step(left.get(left.size() - 1));
    assertThat(checkpointStep).isBetween(40, STEPS - 1);
    assertThat(reached).isLessThan(STEPS);
    assertThat(killedDir.resolve("model")).doesNotExist();

    TrainerRun resumed = TrainerRun.command(work, "sft", "--config", configFile.toString());
    assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
    assertThat(resumed.stdout()).contains("resumed from checkpoint at step " + checkpointStep)
        .contains("step " + (checkpointStep + 1) + "/" + STEPS)
        .doesNotContain("step 1/" + STEPS)
        .contains("step " + STEPS + "/" + STEPS);
    assertThat(resumed.message()).isEqualTo("trained " + STEPS + " steps on 500 demonstrations");

    TrainerRun uninterrupted = TrainerRun.stage(work.resolve("straight"), "sft", sftConfig(work.resolve("straight/sft")));
    assertThat(uninterrupted.exitCode()).isZero();
    assertThat(resumed.metric("loss")).isCloseTo(uninterrupted.metric("loss"), within(1e-3));
  }

  /** Reads the child's progress until it has printed a step past its second checkpoint; returns that step. */
  private static int stepAfterTwoCheckpoints(Process process) {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        Matcher m = STEP_LINE.matcher(line);
        if (m.matches() && Integer.parseInt(m.group(1)) > 40) {
          return Integer.parseInt(m.group(1));
        }
      }
      throw new IllegalStateException("the trainer exited before step 40");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
