package dev.alignment.trainer.ppo;

import java.time.Duration;

/**
 * What the critic accepts from the actor: token ids of its model's vocabulary, at most a rollout batch of sequences
 * and an update's minibatch indices, and request bodies up to {@code maxBodyBytes}, computed from those bounds, read
 * within {@code readTimeout}.
 *
 * @param vocabSize the critic's vocabulary size: every token id is below it, and resume must name it
 * @param contextLength the critic's context length; longer sequences are cut to it as everywhere
 * @param maxRollouts the most rollouts in one call: {@code ppo.rolloutBatchSize}
 * @param maxCompletionTokens the longest completion: {@code ppo.maxNewTokens}, and one for an end-of-sequence id
 * @param maxMinibatchIndices the most minibatch indices in one update: epochs times rollouts
 * @param maxBodyBytes the largest request body; beyond it the answer is 413 and the body is not read
 * @param readTimeout how long reading a request body may take before its connection is closed
 */
record CriticLimits(int vocabSize, int contextLength, int maxRollouts, int maxCompletionTokens, long maxMinibatchIndices,
    long maxBodyBytes, Duration readTimeout) {
  static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
  /** Characters of JSON for one int (a token id or an index with its comma), and for one double. */
  private static final long INT_CHARS = 12;
  private static final long DOUBLE_CHARS = 26;
  private static final long ENVELOPE = 64 * 1024;
  private static final long FLOOR = 1024 * 1024;

  /**
   * The limits for a critic of {@code vocabSize} and {@code contextLength} under these PPO settings: an update's
   * body holds up to a rollout batch of sequences, each a prompt of up to {@code contextLength} tokens, a completion
   * and two values per completion token, and the minibatch indices; twice that leaves room for whitespace, at least
   * 1 MiB.
   */
  static CriticLimits of(PpoSettings ppo, int vocabSize, int contextLength) {
    long rollouts = ppo.rolloutBatchSize();
    int completion = ppo.maxNewTokens() + 1;
    long perRollout = (long) (contextLength + completion) * INT_CHARS + 2L * completion * DOUBLE_CHARS;
    long indices = (long) ppo.epochs() * rollouts;
    long estimate = rollouts * perRollout + indices * INT_CHARS + ENVELOPE;
    return new CriticLimits(vocabSize, contextLength, ppo.rolloutBatchSize(), completion, indices,
        Math.max(FLOOR, 2 * estimate), READ_TIMEOUT);
  }
}
