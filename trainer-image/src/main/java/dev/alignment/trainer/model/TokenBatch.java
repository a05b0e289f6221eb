package dev.alignment.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

/**
 * Sequences packed right-padded into one (B, L) batch, with the masks the losses need. Sequences longer than the
 * context keep the end of the prompt (at most half the context) and the start of the completion.
 */
public final class TokenBatch {
  private final int batch;
  private final int length;
  private final long[] tokens;
  private final int[] lengths;
  private final int[] promptLengths;

  private TokenBatch(int batch, int length, long[] tokens, int[] lengths, int[] promptLengths) {
    this.batch = batch;
    this.length = length;
    this.tokens = tokens;
    this.lengths = lengths;
    this.promptLengths = promptLengths;
  }

  public static TokenBatch of(List<Sequence> sequences, int contextLength, int padId) {
    int batch = sequences.size();
    int[] lengths = new int[batch];
    int[] promptLengths = new int[batch];
    int[][] fitted = new int[batch][];
    int length = 2;
    for (int i = 0; i < batch; i++) {
      fitted[i] = fit(sequences.get(i), contextLength, promptLengths, i);
      lengths[i] = fitted[i].length;
      length = Math.max(length, lengths[i]);
    }
    long[] tokens = new long[batch * length];
    Arrays.fill(tokens, padId);
    for (int i = 0; i < batch; i++) {
      for (int t = 0; t < lengths[i]; t++) {
        tokens[i * length + t] = fitted[i][t];
      }
    }
    return new TokenBatch(batch, length, tokens, lengths, promptLengths);
  }

  private static int[] fit(Sequence s, int contextLength, int[] promptLengths, int row) {
    int completion = Math.min(s.completion().length, contextLength - Math.min(s.prompt().length, contextLength / 2));
    int prompt = Math.min(s.prompt().length, contextLength - completion);
    int[] out = new int[prompt + completion];
    System.arraycopy(s.prompt(), s.prompt().length - prompt, out, 0, prompt);
    System.arraycopy(s.completion(), 0, out, prompt, completion);
    promptLengths[row] = prompt;
    return out;
  }

  public int size() {
    return batch;
  }

  /** All tokens, (B, L): the input of scalar models. */
  public NDArray tokens(NDManager manager) {
    return manager.create(tokens, new Shape(batch, length));
  }

  /** Language-model inputs, the first L - 1 tokens: (B, L - 1). */
  public NDArray inputs(NDManager manager) {
    return shifted(manager, 0);
  }

  /** Next-token targets, the last L - 1 tokens: (B, L - 1). */
  public NDArray targets(NDManager manager) {
    return shifted(manager, 1);
  }

  private NDArray shifted(NDManager manager, int offset) {
    long[] out = new long[batch * (length - 1)];
    for (int i = 0; i < batch; i++) {
      System.arraycopy(tokens, i * length + offset, out, i * (length - 1), length - 1);
    }
    return manager.create(out, new Shape(batch, length - 1));
  }

  /** 1 where a target is a completion token (end-of-sequence included), 0 on prompt and padding: (B, L - 1). */
  public NDArray completionMask(NDManager manager) {
    float[] mask = new float[batch * (length - 1)];
    for (int i = 0; i < batch; i++) {
      for (int t = firstCompletionTarget(i); t < lengths[i] - 1; t++) {
        mask[i * (length - 1) + t] = 1f;
      }
    }
    return manager.create(mask, new Shape(batch, length - 1));
  }

  /** The values at each sequence's completion targets, in order, from a (B, L - 1) array such as token log-probs. */
  public double[][] completionValues(NDArray perTarget) {
    float[] flat = perTarget.toFloatArray();
    double[][] out = new double[batch][];
    for (int i = 0; i < batch; i++) {
      int first = firstCompletionTarget(i);
      out[i] = new double[lengths[i] - 1 - first];
      for (int t = 0; t < out[i].length; t++) {
        out[i][t] = flat[i * (length - 1) + first + t];
      }
    }
    return out;
  }

  /** The reverse of {@link #completionValues}: per-completion-token values placed at their targets, 0 elsewhere. */
  public NDArray atCompletionTargets(double[][] values, NDManager manager) {
    float[] flat = new float[batch * (length - 1)];
    for (int i = 0; i < batch; i++) {
      int first = firstCompletionTarget(i);
      if (values[i].length != lengths[i] - 1 - first) {
        throw new IllegalArgumentException("sequence " + i + " has " + (lengths[i] - 1 - first)
            + " completion targets, got " + values[i].length + " values");
      }
      for (int t = 0; t < values[i].length; t++) {
        flat[i * (length - 1) + first + t] = (float) values[i][t];
      }
    }
    return manager.create(flat, new Shape(batch, length - 1));
  }

  private int firstCompletionTarget(int row) {
    return Math.max(0, promptLengths[row] - 1);
  }

  /** One-hot at each sequence's last real token: (B, L), to read a scalar model's value there. */
  public NDArray lastTokenMask(NDManager manager) {
    return lastTokenMask(manager, OptionalInt.empty());
  }

  /**
   * One-hot at each sequence's last real token that is not {@code skipped}, as transformers' sequence classifiers
   * pick it (with pad = EOS, the token before a closing EOS); the first token where every one is {@code skipped}.
   */
  public NDArray lastTokenMask(NDManager manager, OptionalInt skipped) {
    float[] mask = new float[batch * length];
    for (int i = 0; i < batch; i++) {
      int last = lengths[i] - 1;
      while (skipped.isPresent() && last > 0 && tokens[i * length + last] == skipped.getAsInt()) {
        last--;
      }
      mask[i * length + last] = 1f;
    }
    return manager.create(mask, new Shape(batch, length));
  }

  /** Real (unpadded) tokens in the batch, for throughput figures. */
  public long tokenCount() {
    long total = 0;
    for (int length : lengths) {
      total += length;
    }
    return total;
  }
}
