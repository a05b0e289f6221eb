package dev.alignment.trainer.ppo;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import dev.alignment.trainer.Main;
import dev.alignment.trainer.TrainerRun;
import dev.alignment.trainer.data.Tokenizers;
import dev.alignment.trainer.metrics.ProgressReporter;
import dev.alignment.trainer.metrics.TrainerMetrics;
import dev.alignment.trainer.model.Sequence;
import dev.alignment.trainer.training.ProcessExit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Split topology in one JVM: the critic stage serving on a free port in a thread, the actor talking to it. It
 * trains exactly as Colocated does; a lost critic or a lost actor ends the other with exit code 3 within seconds.
 */
class PpoSplitTest {
  private static final int STEPS = 4;

  @TempDir Path work;

  @Test
  void splitTrainsExactlyAsColocatedAndBothExitZero() throws Exception {
    int port = PpoRuns.freePort();
    Path splitDir = work.resolve("split");
    Map<String, Object> config = PpoRuns.split(splitDir, STEPS, port, 15);
    CompletableFuture<TrainerRun> critic = CompletableFuture.supplyAsync(() -> run(work.resolve("critic-run"), "ppo-critic", config));
    TrainerRun actor = TrainerRun.stage(work.resolve("actor-run"), "ppo-actor", config);
    TrainerRun criticRun = critic.get(60, TimeUnit.SECONDS);
    assertThat(actor.exitCode()).as(actor.toString()).isZero();
    assertThat(criticRun.exitCode()).as(criticRun.toString()).isZero();
    assertThat(criticRun.output()).isEqualTo("file://" + splitDir.resolve("value-model"));
    assertThat(criticRun.stdout()).contains("critic serving on port " + port).contains("step " + STEPS + "/" + STEPS + " loss/value");
    assertThat(actor.stdout()).contains("the critic at http://localhost:" + port + " answered");

    Path colocatedDir = work.resolve("colocated");
    TrainerRun colocated = TrainerRun.stage(work.resolve("colocated-run"), "ppo-actor",
        PpoRuns.config(colocatedDir, STEPS, 50, Map.of("topology", "Colocated")));
    assertThat(colocated.exitCode()).as(colocated.toString()).isZero();
    for (String file : List.of("model/body.params", "model/head.params", "value-model/body.params", "value-model/head.params")) {
      assertThat(splitDir.resolve(file)).as(file).hasSameBinaryContentAs(colocatedDir.resolve(file));
    }
    assertThat(actor.summary().get("metrics")).isEqualTo(colocated.summary().get("metrics"));
  }

  @Test
  void theActorExitsWithPeerLostSoonAfterTheCriticStops() throws Exception {
    Map<String, Object> config = PpoRuns.split(work.resolve("ppo"), 200, 0, 15);
    AtomicInteger updates = new AtomicInteger();
    CountDownLatch twoUpdates = new CountDownLatch(1);
    try (NDManager manager = NDManager.newBaseManager();
         LocalCritic local = new LocalCritic("builtin://tiny", work.resolve("ppo"), settings(config), manager);
         CriticServer server = CriticServer.start(counting(local, updates, twoUpdates), new CriticServer.Settings(0,
             token(config), CriticLimits.of(settings(config), local.vocabSize(), local.contextLength()), 200),
             watchdog(), quietProgress())) {
      config.put("critic", PpoRuns.critic(server.port(), Path.of(tokenFile(config))));
      CompletableFuture<TrainerRun> actor = CompletableFuture.supplyAsync(() -> run(work.resolve("actor-run"), "ppo-actor", config));
      assertThat(twoUpdates.await(60, TimeUnit.SECONDS)).isTrue();
      server.close();
      long stopped = System.nanoTime();
      TrainerRun run = actor.get(30, TimeUnit.SECONDS);
      double seconds = (System.nanoTime() - stopped) / 1e9;
      assertThat(run.exitCode()).as(run.toString()).isEqualTo(Main.PEER_LOST);
      assertThat(run.message()).contains("lost the critic at http://localhost:" + server.port());
      assertThat(seconds).isLessThan(10);
    }
  }

  @Test
  void theCriticExitsWithPeerLostWhenTheActorGoesQuiet() throws Exception {
    int port = PpoRuns.freePort();
    Map<String, Object> config = PpoRuns.split(work.resolve("ppo"), 10, port, 1);
    CompletableFuture<TrainerRun> critic = CompletableFuture.supplyAsync(() -> run(work.resolve("critic-run"), "ppo-critic", config));
    HttpCritic actor = HttpCritic.connect(URI.create("http://localhost:" + port), token(config), settings(config),
        quietProgress(), ProcessExit.NONE);
    actor.resume(0, Tokenizers.load(Tokenizers.BUILTIN_WORDS).vocabSize());
    assertThat(actor.evaluate(List.of(new Sequence(new int[] {5, 6}, new int[] {7, 1}))).scores()).hasSize(1);
    actor.close();
    long quiet = System.nanoTime();
    TrainerRun run = critic.get(30, TimeUnit.SECONDS);
    double seconds = (System.nanoTime() - quiet) / 1e9;
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(Main.PEER_LOST);
    assertThat(run.message()).contains("no word from the actor");
    assertThat(seconds).isLessThan(10);
  }

  private static TrainerRun run(Path workDir, String stage, Map<String, Object> config) {
    try {
      return TrainerRun.stage(workDir, stage, config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static String tokenFile(Map<String, Object> config) {
    return (String) ((Map<String, Object>) config.get("critic")).get("tokenFile");
  }

  private static CriticToken token(Map<String, Object> config) {
    return CriticToken.read(tokenFile(config));
  }

  private PpoSettings settings(Map<String, Object> config) {
    return PpoRuns.settings(work, config);
  }

  private static PeerWatchdog watchdog() {
    return new PeerWatchdog("actor", java.time.Duration.ofSeconds(15), java.time.Duration.ofSeconds(60), System::nanoTime);
  }

  private static ProgressReporter quietProgress() throws IOException {
    return new ProgressReporter(new PrintStream(new ByteArrayOutputStream()), TrainerMetrics.start(-1, "", "", ""), System::nanoTime);
  }

  /** {@code critic}, counting value updates and opening {@code latch} at the second. */
  private static Critic counting(Critic critic, AtomicInteger updates, CountDownLatch latch) {
    return new Critic() {
      @Override
      public void resume(int step, int vocabSize) throws IOException {
        critic.resume(step, vocabSize);
      }

      @Override
      public CriticEvaluation evaluate(List<Sequence> rollouts) throws IOException {
        return critic.evaluate(rollouts);
      }

      @Override
      public CompletableFuture<ValueStats> update(ValueBatch batch) {
        CompletableFuture<ValueStats> result = critic.update(batch);
        if (updates.incrementAndGet() == 2) {
          latch.countDown();
        }
        return result;
      }

      @Override
      public void checkpoint(int step) throws IOException {
        critic.checkpoint(step);
      }

      @Override
      public String finish() throws IOException {
        return critic.finish();
      }

      @Override
      public void close() {
        critic.close();
      }
    };
  }
}
