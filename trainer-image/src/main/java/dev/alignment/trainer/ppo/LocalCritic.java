package dev.alignment.trainer.ppo;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.alignment.trainer.base.BadInputException;
import dev.alignment.trainer.data.Uris;
import dev.alignment.trainer.model.AdamOptimizer;
import dev.alignment.trainer.model.Checkpoints;
import dev.alignment.trainer.model.GradientScope;
import dev.alignment.trainer.model.ModelReference;
import dev.alignment.trainer.store.ModelStore;
import dev.alignment.trainer.model.ScalarModel;
import dev.alignment.trainer.model.Scoring;
import dev.alignment.trainer.model.Sequence;
import dev.alignment.trainer.model.TokenBatch;
import dev.alignment.trainer.training.Completions;
import dev.alignment.trainer.training.StepOutput;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The critic in this process: the value model, initialised from the reward model as in InstructGPT, with its own Adam,
 * and the frozen reward model. Checkpoints go to {@code <outputDir>/critic/checkpoints}, the final value model to
 * {@code <outputDir>/value-model}. Calls are serialised: the HTTP server answers on several threads.
 */
public final class LocalCritic implements Critic {
  private final String rewardModelUri;
  private final Path outputDir;
  private final float learningRate;
  private final double maxGradNorm;
  private final ValueObjective objective;
  private final NDManager manager;
  private final ScalarModel rewardModel;
  private final Checkpoints checkpoints;
  private NDManager valueManager;
  private ScalarModel valueModel;
  private AdamOptimizer optimizer;

  public LocalCritic(String rewardModelUri, Path outputDir, PpoSettings ppo, NDManager parent) throws IOException {
    this.rewardModelUri = rewardModelUri;
    this.outputDir = outputDir;
    this.learningRate = ppo.valueLearningRate();
    this.maxGradNorm = ppo.maxGradNorm();
    this.objective = new ValueObjective(ppo.valueClipRange());
    this.manager = parent.newSubManager();
    this.rewardModel = ModelStore.scalarModel(ModelReference.of(rewardModelUri), manager, 0);
    this.checkpoints = new Checkpoints(outputDir.resolve("critic").resolve("checkpoints"));
  }

  @Override
  public synchronized void resume(int step, int vocabSize) throws IOException {
    if (vocabSize != rewardModel.tokenizer().vocabSize()) {
      throw new BadInputException("reward model " + rewardModelUri + " has a vocabulary of " + rewardModel.tokenizer().vocabSize()
          + " tokens and the policy one of " + vocabSize + ": PPO needs the policy's tokenizer");
    }
    if (valueManager != null) {
      valueManager.close();
    }
    valueManager = manager.newSubManager();
    valueModel = ModelStore.scalarModel(ModelReference.of(rewardModelUri), valueManager, 0);
    optimizer = new AdamOptimizer(valueModel, learningRate, maxGradNorm);
    if (step > 0) {
      checkpoints.restore(step, valueModel, optimizer, valueManager);
    }
    checkpoints.deleteAfter(step);
    valueModel.trackGradients();
  }

  @Override
  public synchronized CriticEvaluation evaluate(List<Sequence> rollouts) {
    requireResumed();
    double[][] values = Completions.perToken(valueModel, rollouts, manager,
        (ps, batch, m) -> Scoring.tokenValues(valueModel, ps, batch, m, false));
    double[] scores = Completions.perSequence(rewardModel, rollouts, manager,
        (ps, batch, m) -> Scoring.rewards(rewardModel, ps, batch, m, false));
    return new CriticEvaluation(values, scores);
  }

  /** The size of the vocabulary the critic's models read. */
  public int vocabSize() {
    return rewardModel.tokenizer().vocabSize();
  }

  /** The context length of the critic's models. */
  public int contextLength() {
    return rewardModel.contextLength();
  }

  @Override
  public synchronized CompletableFuture<ValueStats> update(ValueBatch batch) {
    requireResumed();
    int contextLength = valueModel.contextLength();
    checkValueShapes(batch, contextLength);
    ParameterStore ps = new ParameterStore(manager, false);
    double loss = 0;
    double clipFraction = 0;
    long tokens = 0;
    for (int[] minibatch : batch.minibatches()) {
      List<Sequence> rollouts = Arrays.stream(minibatch).mapToObj(batch.rollouts()::get).toList();
      try (NDManager m = manager.newSubManager(); GradientScope gradients = GradientScope.open()) {
        TokenBatch tokenBatch = TokenBatch.of(rollouts, contextLength, valueModel.tokenizer().padId());
        StepOutput out = objective.evaluate(Scoring.tokenValues(valueModel, ps, tokenBatch, m, true),
            tokenBatch.atCompletionTargets(Minibatches.rows(batch.oldValues(), minibatch), m),
            tokenBatch.atCompletionTargets(Minibatches.rows(batch.returns(), minibatch), m),
            tokenBatch.completionMask(m), tokenBatch.tokenCount());
        gradients.backward(out.loss());
        loss += out.loss().getFloat();
        clipFraction += out.metrics().get("val/clipfrac").getFloat();
        tokens += out.tokens();
      }
      optimizer.step();
    }
    int count = Math.max(1, batch.minibatches().size());
    return CompletableFuture.completedFuture(new ValueStats(loss / count, clipFraction / count, tokens));
  }

  @Override
  public synchronized void checkpoint(int step) throws IOException {
    requireResumed();
    checkpoints.save(step, valueModel, optimizer);
  }

  @Override
  public synchronized String finish() throws IOException {
    requireResumed();
    Path dir = outputDir.resolve("value-model");
    ModelStore.save(valueModel, dir);
    return Uris.of(dir);
  }

  @Override
  public synchronized void close() {
    manager.close();
  }

  /**
   * Every rollout has one return and one old value per completion target, checked before the first optimizer step so
   * that a malformed batch never leaves the value model half-updated.
   */
  private void checkValueShapes(ValueBatch batch, int contextLength) {
    TokenBatch all = TokenBatch.of(batch.rollouts(), contextLength, valueModel.tokenizer().padId());
    try (NDManager m = manager.newSubManager()) {
      all.atCompletionTargets(batch.returns(), m);
      all.atCompletionTargets(batch.oldValues(), m);
    } catch (IllegalArgumentException e) {
      throw InvalidRequestException.badRequest("returns and oldValues: " + e.getMessage());
    }
  }

  private void requireResumed() {
    if (valueModel == null) {
      throw new IllegalStateException("the critic was not told where to resume (resume must come first)");
    }
  }
}
