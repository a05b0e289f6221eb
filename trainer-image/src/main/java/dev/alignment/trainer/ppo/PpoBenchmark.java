package dev.alignment.trainer.ppo;

import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import dev.alignment.trainer.Json;
import dev.alignment.trainer.Main;
import dev.alignment.trainer.ProcessExit;
import dev.alignment.trainer.StageConfig;
import dev.alignment.trainer.data.DemonstrationReader;
import dev.alignment.trainer.metrics.ProgressReporter;
import dev.alignment.trainer.metrics.TrainerMetrics;
import dev.alignment.trainer.model.AtomicDirectory;
import dev.alignment.trainer.model.LanguageModel;
import dev.alignment.trainer.model.ModelReference;
import dev.alignment.trainer.model.ModelStore;
import dev.alignment.trainer.stage.TrainingSettings;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code PpoBenchmark <preset> <Colocated|Split> [iterations]}: PPO throughput of fresh models of a preset with the
 * operator's default PPO settings (32 rollouts of up to 16 new tokens, 4 epochs of minibatches of 32). Rollout:
 * completion tokens per second of the rollout phase (sampling, policy and reference log-probs, values and scores).
 * Update: tokens (prompt and completion) times epochs per second of the update phase (policy and value model).
 * Split runs the critic as {@code ppo-critic} in a second JVM on localhost with the same PyTorch thread count.
 */
public final class PpoBenchmark {
  private static final int WARMUP = 2;

  private PpoBenchmark() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("ai.djl.offline", "true");
    String preset = args[0];
    int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    Path work = Files.createTempDirectory("ppo-benchmark");
    JsonObject json = config(preset, args[1], WARMUP + iterations, work, freePort());
    StageConfig config = StageConfig.of(json, "benchmark");
    TrainingSettings training = TrainingSettings.from(config);
    PpoSettings ppo = PpoSettings.from(config, training.learningRate(), training.maxGradNorm());
    ProgressReporter quiet = new ProgressReporter(new PrintStream(OutputStream.nullOutputStream()), TrainerMetrics.start(-1, "", "", ""),
        System::nanoTime);
    Process criticProcess = ppo.topology() == PpoSettings.Topology.Split ? startCritic(json, work) : null;
    try (NDManager manager = NDManager.newBaseManager();
         Critic critic = ppo.topology() == PpoSettings.Topology.Split
             ? HttpCritic.connect(URI.create(config.object("critic").string("url")), ppo, quiet, ProcessExit.NONE)
             : new LocalCritic(config.string("rewardModel"), work, ppo, manager)) {
      LanguageModel policy = ModelStore.languageModel(ModelReference.of("builtin://" + preset), manager, 0);
      LanguageModel reference = ModelStore.languageModel(ModelReference.of("builtin://" + preset), manager, 0);
      PpoTrainer trainer = new PpoTrainer(policy, reference, critic, DemonstrationReader.prompts(config.string("prompts")),
          training, ppo, work, quiet);
      trainer.resume(manager);
      long completionTokens = 0;
      long updateTokens = 0;
      long rolloutNanos = 0;
      long updateNanos = 0;
      for (int step = 1; step <= WARMUP + iterations; step++) {
        PpoTrainer.Iteration iteration = trainer.iterate(step, manager);
        if (step > WARMUP) {
          completionTokens += iteration.completionTokens();
          updateTokens += iteration.tokens() * ppo.epochs();
          rolloutNanos += iteration.rolloutNanos();
          updateNanos += iteration.updateNanos();
        }
      }
      critic.finish();
      System.out.printf(Locale.ROOT, "%-6s %-10s threads=%s iterations=%d  rollout %.0f tokens/s  update %.0f tokens/s  %.2f s/iteration%n",
          preset, ppo.topology(), System.getProperty("ai.djl.pytorch.num_threads", "default"), iterations,
          completionTokens / (rolloutNanos / 1e9), updateTokens / (updateNanos / 1e9), (rolloutNanos + updateNanos) / 1e9 / iterations);
    } finally {
      if (criticProcess != null && !criticProcess.waitFor(30, TimeUnit.SECONDS)) {
        criticProcess.destroyForcibly();
      }
      AtomicDirectory.deleteRecursively(work);
    }
  }

  private static JsonObject config(String preset, String topology, int steps, Path work, int port) {
    String json = String.format(Locale.ROOT, """
        {"stage": "ppo", "outputDir": "%s", "metricsPort": -1, "checkpointEvery": 1000000,
         "policy": {"uri": "builtin://%s"}, "reference": {"uri": "builtin://%s"}, "rewardModel": "builtin://%s",
         "prompts": "builtin://sentiment/prompts",
         "training": {"steps": %d, "batchSize": 32, "learningRate": 1e-4, "seed": 0},
         "ppo": {"topology": "%s", "klCoef": 0.05, "epochs": 4, "rolloutBatchSize": 32, "maxNewTokens": 16},
         "critic": {"url": "http://localhost:%d", "port": %d}}
        """, work, preset, preset, preset, steps, topology, port, port);
    return Json.GSON.fromJson(json, JsonObject.class);
  }

  private static Process startCritic(JsonObject config, Path work) throws Exception {
    Path file = work.resolve("critic.json");
    Files.writeString(file, Json.GSON.toJson(config));
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-Dai.djl.pytorch.num_interop_threads=1"));
    Optional.ofNullable(System.getProperty("ai.djl.pytorch.num_threads")).ifPresent(t -> command.add("-Dai.djl.pytorch.num_threads=" + t));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "ppo-critic", "--config", file.toString()));
    return new ProcessBuilder(command)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
