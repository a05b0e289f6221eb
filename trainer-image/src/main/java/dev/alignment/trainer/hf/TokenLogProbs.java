package dev.alignment.trainer.hf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/** Log-probabilities a causal LM gives each token of its input: {@code log_softmax(logits[t-1])[ids[t]]}. */
public final class TokenLogProbs {
  private TokenLogProbs() {}

  /** logits (B, T, V) and ids (B, T) to (B, T - 1): entry t - 1 is token t's log-probability. */
  public static NDArray of(NDArray logits, NDArray ids) {
    long length = ids.getShape().get(1);
    NDArray predictions = logits.get(":, :" + (length - 1) + ", :").logSoftmax(-1);
    NDArray targets = ids.get(":, 1:").toType(DataType.INT64, false).expandDims(-1);
    return predictions.gather(targets, -1).squeeze(-1);
  }
}
