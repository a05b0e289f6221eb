package dev.alignment.trainer.ppo;

import dev.alignment.trainer.model.Sequence;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * What the PPO actor asks of the critic, which holds the value model (with its optimizer) and the frozen reward model:
 * in the same process ({@link LocalCritic}, the Colocated topology) or over HTTP ({@link HttpCritic}, Split). The actor
 * drives: {@code resume} once at start, then per iteration {@code evaluate} and {@code update}, {@code checkpoint} at
 * checkpoint iterations (before its own), {@code finish} at the end.
 */
public interface Critic extends AutoCloseable {
  /**
   * Loads the value model and optimizer of checkpoint {@code step} (at 0, a fresh copy of the reward model) and drops
   * later checkpoints; a missing checkpoint, or a tokenizer other than the policy's, is bad input.
   */
  void resume(int step, int vocabSize) throws IOException;

  /** V per completion token and the reward model's score of each rollout. */
  CriticEvaluation evaluate(List<Sequence> rollouts) throws IOException;

  /** Trains the value model on the batch's minibatches; may run while the actor updates the policy. */
  CompletableFuture<ValueStats> update(ValueBatch batch);

  /** Saves value model, optimizer and step atomically. */
  void checkpoint(int step) throws IOException;

  /** Saves the final value model; its URI. */
  String finish() throws IOException;

  @Override
  void close();

  /** The future's value, or the exception it failed with, unwrapped. */
  static <T> T await(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }
}
