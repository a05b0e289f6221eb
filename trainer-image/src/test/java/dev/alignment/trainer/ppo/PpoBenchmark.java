package dev.alignment.trainer.ppo;

import ai.djl.ndarray.NDManager;
import dev.alignment.contract.Defaults;
import dev.alignment.contract.PpoActorConfig;
import dev.alignment.contract.PpoBlock;
import dev.alignment.trainer.ContractConfigs;
import dev.alignment.trainer.Main;
import dev.alignment.trainer.TrainerRun;
import dev.alignment.trainer.data.DemonstrationReader;
import dev.alignment.trainer.metrics.ProgressReporter;
import dev.alignment.trainer.metrics.TrainerMetrics;
import dev.alignment.trainer.model.AtomicDirectory;
import dev.alignment.trainer.model.LanguageModel;
import dev.alignment.trainer.model.ModelReference;
import dev.alignment.trainer.store.ModelStore;
import dev.alignment.trainer.training.ProcessExit;
import dev.alignment.trainer.training.TrainingSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
    Map<String, Object> written = config(preset, args[1], WARMUP + iterations, work, PpoRuns.freePort());
    PpoActorConfig config = ContractConfigs.read("ppo-actor", work, written);
    TrainingSettings training = TrainingSettings.from(config.training(), config.header().checkpointEvery());
    PpoSettings ppo = PpoSettings.from(config.ppo(), config.training());
    ProgressReporter quiet = new ProgressReporter(new PrintStream(OutputStream.nullOutputStream()), TrainerMetrics.start(-1, "", "", ""),
        System::nanoTime);
    Process criticProcess = ppo.topology() == PpoBlock.Topology.Split ? startCritic(written, work) : null;
    try (NDManager manager = NDManager.newBaseManager();
         Critic critic = ppo.topology() == PpoBlock.Topology.Split
             ? HttpCritic.connect(URI.create(config.critic().url()), CriticToken.read(config.critic().tokenFile()), ppo,
                 quiet, ProcessExit.NONE)
             : new LocalCritic(config.inputs().rewardModel(), work, ppo, manager)) {
      LanguageModel policy = ModelStore.languageModel(ModelReference.of("builtin://" + preset), manager, 0);
      LanguageModel reference = ModelStore.languageModel(ModelReference.of("builtin://" + preset), manager, 0);
      PpoTrainer trainer = new PpoTrainer(policy, reference, critic, DemonstrationReader.prompts(config.inputs().prompts(), Optional.empty()),
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

  /** A config both roles read, with the contract's PPO defaults. */
  private static Map<String, Object> config(String preset, String topology, int steps, Path work, int port)
      throws IOException {
    Map<String, Object> model = Map.of("uri", "builtin://" + preset);
    return Map.of("stage", "ppo", "outputDir", work.toString(), "checkpointEvery", 1_000_000,
        "policy", model, "reference", model, "rewardModel", "builtin://" + preset,
        "training", Map.of("steps", steps, "batchSize", Defaults.PREFERENCE_BATCH_SIZE, "learningRate", 1e-4),
        "ppo", Map.of("topology", topology), "critic", PpoRuns.critic(port, PpoRuns.tokenFile(work.resolve("critic-token"))));
  }

  private static Process startCritic(Map<String, Object> config, Path work) throws Exception {
    Path file = TrainerRun.configFile(work, "ppo-critic", config);
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-Dai.djl.pytorch.num_interop_threads=1"));
    Optional.ofNullable(System.getProperty("ai.djl.pytorch.num_threads")).ifPresent(t -> command.add("-Dai.djl.pytorch.num_threads=" + t));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "ppo-critic", "--config", file.toString()));
    return new ProcessBuilder(command)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
  }
}
