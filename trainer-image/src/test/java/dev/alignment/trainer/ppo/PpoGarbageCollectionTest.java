package dev.alignment.trainer.ppo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alignment.trainer.TrainerRun;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PPO run trains the same bits while the garbage collector runs all the time: no tensor the backward pass reads
 * lives in memory the collector may free (DJL's {@code mul(Number)} made such tensors; see {@code Scalars}).
 */
class PpoGarbageCollectionTest {
  private static final int STEPS = 4;

  @TempDir Path work;

  @Test
  void collectingGarbageThroughoutChangesNoBitOfTheTrainedModels() throws Exception {
    Path quiet = work.resolve("quiet");
    TrainerRun first = TrainerRun.stage(work.resolve("quiet-run"), "ppo-actor", PpoRuns.config(quiet, STEPS, 50, Map.of()));
    assertThat(first.exitCode()).as(first.toString()).isZero();

    Path collected = work.resolve("collected");
    Thread collector = new Thread(PpoGarbageCollectionTest::collectUntilInterrupted, "gc-storm");
    collector.setDaemon(true);
    collector.start();
    TrainerRun second;
    try {
      second = TrainerRun.stage(work.resolve("collected-run"), "ppo-actor", PpoRuns.config(collected, STEPS, 50, Map.of()));
    } finally {
      collector.interrupt();
      collector.join();
    }
    assertThat(second.exitCode()).as(second.toString()).isZero();
    for (String file : List.of("model/body.params", "model/head.params", "value-model/body.params", "value-model/head.params")) {
      assertThat(collected.resolve(file)).as(file).hasSameBinaryContentAs(quiet.resolve(file));
    }
  }

  /** Full collections back to back, each followed by a short pause for the cleaner that frees direct buffers. */
  private static void collectUntilInterrupted() {
    while (!Thread.currentThread().isInterrupted()) {
      System.gc();
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        return;
      }
    }
  }
}
