package dev.alignment.trainer.ppo;

import ai.djl.ndarray.NDManager;
import dev.alignment.contract.ContractVersion;
import dev.alignment.contract.Defaults;
import dev.alignment.contract.PpoActorConfig;
import dev.alignment.contract.PpoBlock;
import dev.alignment.contract.TrainerCommand;
import dev.alignment.trainer.ContractReader;
import dev.alignment.trainer.Main;
import dev.alignment.trainer.ProcessExit;
import dev.alignment.trainer.data.DemonstrationReader;
import dev.alignment.trainer.metrics.ProgressReporter;
import dev.alignment.trainer.metrics.TrainerMetrics;
import dev.alignment.trainer.model.AtomicDirectory;
import dev.alignment.trainer.model.LanguageModel;
import dev.alignment.trainer.model.ModelReference;
import dev.alignment.trainer.model.ModelStore;
import dev.alignment.trainer.training.TrainingSettings;
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
    String json = config(preset, args[1], WARMUP + iterations, work, freePort());
    PpoActorConfig config = (PpoActorConfig) ContractReader.read(TrainerCommand.PPO_ACTOR, work.resolve("actor.json"), json);
    TrainingSettings training = TrainingSettings.from(config.training(), config.header().checkpointEvery());
    PpoSettings ppo = PpoSettings.from(config.ppo(), training.learningRate(), training.maxGradNorm());
    ProgressReporter quiet = new ProgressReporter(new PrintStream(OutputStream.nullOutputStream()), TrainerMetrics.start(-1, "", "", ""),
        System::nanoTime);
    Process criticProcess = ppo.topology() == PpoBlock.Topology.Split ? startCritic(json, work) : null;
    try (NDManager manager = NDManager.newBaseManager();
         Critic critic = ppo.topology() == PpoBlock.Topology.Split
             ? HttpCritic.connect(URI.create(config.critic().url()), ppo, quiet, ProcessExit.NONE)
             : new LocalCritic(config.inputs().rewardModel(), work, ppo, manager)) {
      LanguageModel policy = ModelStore.languageModel(ModelReference.of("builtin://" + preset), manager, 0);
      LanguageModel reference = ModelStore.languageModel(ModelReference.of("builtin://" + preset), manager, 0);
      PpoTrainer trainer = new PpoTrainer(policy, reference, critic, DemonstrationReader.prompts(config.inputs().prompts()),
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
  private static String config(String preset, String topology, int steps, Path work, int port) {
    String model = "{\"uri\": \"builtin://" + preset + "\", \"tokenizer\": \"" + Defaults.TOKENIZER + "\"}";
    return String.format(Locale.ROOT, """
        {"contractVersion": %d, "stage": "ppo", "namespace": "bench", "owner": "bench", "ownerKind": "AlignmentRun",
         "outputDir": "%s", "metricsPort": -1, "checkpointEvery": 1000000,
         "policy": %s, "reference": %s, "rewardModel": "builtin://%s", "prompts": "%s",
         "training": {"steps": %d, "batchSize": %d, "learningRate": 1e-4, "maxGradNorm": %s, "seed": 0},
         "ppo": {"topology": "%s", "klCoef": %s, "clipRange": %s, "valueClipRange": %s, "gamma": %s, "lambda": %s,
                 "epochs": %d, "rolloutBatchSize": %d, "maxNewTokens": %d, "temperature": %s},
         "critic": {"url": "http://localhost:%d", "port": %d}}
        """, ContractVersion.CURRENT, work, model, model, preset, Defaults.PROMPTS, steps, Defaults.PREFERENCE_BATCH_SIZE,
        Defaults.MAX_GRAD_NORM, topology, Defaults.PPO_KL_COEF, Defaults.PPO_CLIP_RANGE, Defaults.PPO_VALUE_CLIP_RANGE,
        Defaults.PPO_GAMMA, Defaults.PPO_LAMBDA, Defaults.PPO_EPOCHS, Defaults.PPO_ROLLOUT_BATCH_SIZE,
        Defaults.PPO_MAX_NEW_TOKENS, Defaults.PPO_TEMPERATURE, port, port);
  }

  private static Process startCritic(String config, Path work) throws Exception {
    Path file = work.resolve("critic.json");
    Files.writeString(file, config);
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
