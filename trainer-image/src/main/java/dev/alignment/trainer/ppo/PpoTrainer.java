package dev.alignment.trainer.ppo;

import ai.djl.ndarray.NDManager;
import dev.alignment.trainer.base.BadInputException;
import dev.alignment.trainer.base.Json;
import dev.alignment.trainer.metrics.ProgressReporter;
import dev.alignment.trainer.metrics.RecentValues;
import dev.alignment.trainer.model.AdamOptimizer;
import dev.alignment.trainer.model.Checkpoints;
import dev.alignment.trainer.model.LanguageModel;
import dev.alignment.trainer.store.ModelStore;
import dev.alignment.trainer.training.Batches;
import dev.alignment.trainer.training.TrainingSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * The actor's PPO loop. Iteration k draws {@code rolloutBatchSize} prompts and samples with a generator seeded by
 * (seed, k), builds the experience, hands the value update to the critic (which may run it alongside), and makes
 * {@code epochs} passes of shuffled minibatches of {@code training.batchSize} rollouts over the policy. At a checkpoint
 * iteration the critic saves first, then the actor (policy, its Adam, KL coefficient, monitors, recent metrics, step
 * in one atomic directory), so the critic always holds the actor's newest checkpoint step.
 */
final class PpoTrainer {
  private final RolloutCollector collector;
  private final List<String> prompts;
  private final TrainingSettings training;
  private final PpoSettings ppo;
  private final ProgressReporter progress;
  private final Checkpoints checkpoints;
  private final KlController klController;
  private final TrainingMonitors monitors;
  private final RecentValues recent = new RecentValues();
  private AdamOptimizer optimizer;
  private PolicyUpdater updater;

  PpoTrainer(LanguageModel policy, LanguageModel reference, Critic critic, List<String> prompts, TrainingSettings training,
      PpoSettings ppo, Path outputDir, ProgressReporter progress) {
    this.collector = new RolloutCollector(policy, reference, critic, ppo);
    this.prompts = prompts;
    this.training = training;
    this.ppo = ppo;
    this.progress = progress;
    this.checkpoints = new Checkpoints(outputDir.resolve("checkpoints"));
    this.klController = new KlController(ppo.klCoef(), ppo.targetKl(), ppo.klHorizon());
    this.monitors = new TrainingMonitors(ppo.maxNewTokens());
  }

  /** What the actor's checkpoints keep besides the policy and its optimizer; the step comes from the directory. */
  record State(double klCoef, TrainingMonitors.State monitors, List<Map<String, Double>> recent) {}

  /** One iteration's metrics, its rollouts' tokens (prompt and completion), and how long its two phases took. */
  record Iteration(Map<String, Double> values, long tokens, long completionTokens, long rolloutNanos, long updateNanos) {}

  /** Trains to the last iteration, saves the policy to {@code modelDir}, finishes the critic; the recent metrics' means. */
  Map<String, Double> run(Path modelDir, NDManager manager) throws IOException {
    int done = resume(manager);
    progress.begin(done + 1, training.steps());
    for (int step = done + 1; step <= training.steps(); step++) {
      Iteration iteration = iterate(step, manager);
      requireFinite(step, iteration.values());
      progress.step(step, training.steps(), iteration.values(), iteration.tokens());
      monitors.observe(iteration.values()).forEach(w -> progress.warn(w.kind(), w.message()));
      recent.add(iteration.values());
      if (step % training.checkpointEvery() == 0 && step < training.steps()) {
        critic().checkpoint(step);
        checkpoints.save(step, policy(), optimizer, Json.GSON.toJsonTree(state()).getAsJsonObject());
      }
    }
    ModelStore.save(policy(), modelDir);
    progress.note("value model saved to " + critic().finish());
    return recent.means();
  }

  /** Restores the newest checkpoint, if any, and has the critic resume at its step; that step. */
  int resume(NDManager manager) throws IOException {
    optimizer = new AdamOptimizer(policy(), training.learningRate(), training.maxGradNorm());
    Optional<Checkpoints.Restored> restored = checkpoints.restoreNewest(policy(), optimizer, manager);
    int done = restored.map(Checkpoints.Restored::step).orElse(0);
    restored.ifPresent(r -> restore(Json.GSON.fromJson(r.state(), State.class)));
    policy().trackGradients();
    critic().resume(done, policy().tokenizer().vocabSize());
    if (done > 0) {
      progress.note("resumed from checkpoint at step " + done + " (critic too), KL coefficient " + klController.coef());
    }
    updater = new PolicyUpdater(policy(), optimizer, ppo);
    return done;
  }

  /** Iteration {@code step}: rollouts, then the policy's and (at the critic) the value model's updates. */
  Iteration iterate(int step, NDManager manager) throws IOException {
    try (NDManager m = manager.newSubManager()) {
      long start = System.nanoTime();
      Random random = new Random(training.stepSeed(step));
      Experience experience = collector.collect(Batches.sample(prompts, ppo.rolloutBatchSize(), random), klController.coef(), m, random);
      long rolled = System.nanoTime();
      List<int[]> minibatches = Minibatches.plan(experience.rollouts().size(), training.batchSize(), ppo.epochs(), random);
      CompletableFuture<ValueStats> valueUpdate = critic().update(
          new ValueBatch(step, experience.rollouts(), experience.returns(), experience.values(), minibatches));
      RecentValues policyStats = new RecentValues(minibatches.size());
      for (int[] minibatch : minibatches) {
        policyStats.add(updater.step(experience, minibatch, m));
      }
      Map<String, Double> values = new LinkedHashMap<>(experience.metrics());
      values.putAll(policyStats.means());
      values.putAll(Critic.await(valueUpdate).metrics());
      klController.update(experience.metrics().get("objective/kl"), experience.rollouts().size());
      return new Iteration(values, experience.rollouts().stream().mapToLong(r -> r.prompt().length + r.completion().length).sum(),
          experience.rollouts().stream().mapToLong(r -> r.completion().length).sum(), rolled - start, System.nanoTime() - rolled);
    }
  }

  /** A non-finite metric means the models have diverged; retrying would diverge the same way, so it is bad input. */
  private void requireFinite(int step, Map<String, Double> values) {
    values.forEach((name, value) -> {
      if (!Double.isFinite(value)) {
        throw new BadInputException("PPO diverged at iteration " + step + ": " + name + " is " + value
            + "; lower training.learningRate (" + training.learningRate() + ") or ppo.valueLearningRate ("
            + ppo.valueLearningRate() + ")");
      }
    });
  }

  private State state() {
    return new State(klController.coef(), monitors.state(), recent.snapshot());
  }

  private void restore(State state) {
    klController.restore(state.klCoef());
    monitors.restore(state.monitors());
    recent.restore(state.recent());
  }

  private LanguageModel policy() {
    return collector.policy();
  }

  private Critic critic() {
    return collector.critic();
  }
}
