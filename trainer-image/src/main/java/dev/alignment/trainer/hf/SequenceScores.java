package dev.alignment.trainer.hf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * A sequence classifier's pooled output as transformers computes it: the score at each row's right-most token that
 * is not {@code pad_token_id} (so a GPT-2 row ending in its EOS, which is also its pad, reads the token before).
 */
public final class SequenceScores {
  private SequenceScores() {}

  /** (B) positions: the right-most index whose id differs from the pad id (0 when every id is the pad). */
  public static NDArray scoreIndex(NDArray ids, int padTokenId) {
    long length = ids.getShape().get(1);
    NDArray positions = ids.getManager().arange(0, length, 1, DataType.INT64);
    return ids.neq(padTokenId).toType(DataType.INT64, false).mul(positions).argMax(-1);
  }

  /** scores (B, T, L) read at {@link #scoreIndex}: (B, L). */
  public static NDArray pooled(NDArray scores, NDArray ids, int padTokenId) {
    long rows = scores.getShape().get(0);
    long labels = scores.getShape().get(2);
    NDArray index = scoreIndex(ids, padTokenId).reshape(rows, 1, 1).broadcast(rows, 1, labels);
    return scores.gather(index, 1).squeeze(1);
  }
}
