package dev.alignment.e2e.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alignment.contract.MetricNames;
import dev.alignment.contract.TrainerCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conformance, kill and resume: a stage killed after a checkpoint, started again on the same workspace (the next
 * attempt), says on stdout that it resumed from a checkpoint's step and trains on from there.
 */
class ConformanceResumeIT {
  /** The line a resuming trainer prints (docs/conformance.md). */
  private static final Pattern RESUMED = Pattern.compile("resumed from checkpoint at step (\\d+)");
  /** Docker's exit code for a process killed by SIGKILL (128 + 9). */
  private static final int KILLED = 137;

  @TempDir Path dir;

  @Test
  void aKilledStageResumesFromItsCheckpoint() throws IOException {
    Workspace workspace = KitData.workspace(dir);
    // Far more steps than the test waits for, with a checkpoint every few.
    KitConfig config = KitConfig.of(TrainerCommand.SFT).with("training.steps", 100_000).with("checkpointEvery", 5);
    ContractSchemas.assertValid(config);
    int every = config.checkpointEvery();

    try (TrainerContainer first = TrainerContainer.start(workspace, config, 1, true)) {
      // Step 2 * every done: the checkpoint of step `every` was written before step every + 1 began.
      first.awaitMetrics("", page -> page.value(MetricNames.STEP).orElse(0.0) >= 2 * every);
      assertThat(first.kill()).as("exit code of the killed trainer").isEqualTo(KILLED);
    }
    try (Stream<Path> checkpoints = Files.list(workspace.host(config.outputDir() + "/checkpoints"))) {
      assertThat(checkpoints).as("<outputDir>/checkpoints after the kill").isNotEmpty();
    }

    try (TrainerContainer second = TrainerContainer.start(workspace, config, 2, true)) {
      Matcher resumed = Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
          .until(() -> RESUMED.matcher(second.logs()), Matcher::find);
      int step = Integer.parseInt(resumed.group(1));
      assertThat(step).as("the step it resumed from").isGreaterThanOrEqualTo(every);
      second.awaitMetrics("", page -> page.value(MetricNames.STEP).orElse(0.0) > step);
    }
  }
}
