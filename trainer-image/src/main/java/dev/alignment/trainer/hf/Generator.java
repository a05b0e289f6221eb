package dev.alignment.trainer.hf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.List;

/**
 * Batched generation with a {@link KvCache}: the prompts run once, then each step feeds one token per row. Prompts
 * may be left- or right-padded (the mask says which tokens are real): positions count real tokens and the first new
 * token follows each row's last real one. Each row stops at its own EOS.
 */
public final class Generator {
  private final HfModel model;

  public Generator(HfModel model) {
    if (model.config().task() != HfTask.CAUSAL_LM) {
      throw new IllegalArgumentException(model.config().architecture() + " is not a causal LM: it cannot generate");
    }
    this.model = model;
  }

  /** New ids per row (the prompt excluded), each ending at its first EOS id or after {@code maxNewTokens}. */
  public List<List<Integer>> generate(
      NDManager manager, NDArray promptIds, NDArray attentionMask, GenerationSettings settings) {
    int rows = (int) promptIds.getShape().get(0);
    int width = (int) promptIds.getShape().get(1);
    long[] mask = attentionMask.toType(DataType.INT64, false).toLongArray();
    TokenSampler sampler = new TokenSampler(settings);
    List<List<Integer>> generated = new ArrayList<>();
    boolean[] stopped = new boolean[rows];
    for (int r = 0; r < rows; r++) {
      generated.add(new ArrayList<>());
    }
    try (KvCache cache = KvCache.create(manager, model.config().layers())) {
      float[][] next;
      try (NDManager prompts = manager.newSubManager()) {
        NDArray ids = prompts.create(promptIds.toType(DataType.INT64, false).toLongArray()).reshape(rows, width);
        next = nextLogits(prompts, ids, mask, width, cache, lastRealIndexes(mask, rows, width));
      }
      for (int step = 0; ; step++) {
        long[] chosen = new long[rows];
        int running = 0;
        for (int r = 0; r < rows; r++) {
          chosen[r] = settings.padId();
          if (!stopped[r]) {
            int token = sampler.next(next[r]);
            chosen[r] = token;
            generated.get(r).add(token);
            stopped[r] = settings.eosIds().contains(token);
            running += stopped[r] ? 0 : 1;
          }
        }
        if (running == 0 || step + 1 == settings.maxNewTokens()) {
          return generated;
        }
        mask = appendOnes(mask, rows, width + step);
        try (NDManager stepManager = manager.newSubManager()) {
          NDArray ids = stepManager.create(chosen).reshape(rows, 1);
          next = nextLogits(stepManager, ids, mask, width + step + 1, cache, new int[rows]);
        }
      }
    }
  }

  /** Each row's logits at its index among the new positions, after running the new ids through the cache. */
  private float[][] nextLogits(NDManager manager, NDArray ids, long[] mask, int keys, KvCache cache, int[] index) {
    int rows = index.length;
    NDArray logits = model.forward(ids, manager.create(mask).reshape(rows, keys), cache);
    float[][] out = new float[rows][];
    for (int r = 0; r < rows; r++) {
      out[r] = logits.get(r, index[r]).toFloatArray();
    }
    return out;
  }

  /** The index of each row's right-most real token (right padding: before the pads; left padding: the last). */
  private static int[] lastRealIndexes(long[] mask, int rows, int width) {
    int[] last = new int[rows];
    for (int r = 0; r < rows; r++) {
      for (int t = 0; t < width; t++) {
        if (mask[r * width + t] != 0) {
          last[r] = t;
        }
      }
    }
    return last;
  }

  private static long[] appendOnes(long[] mask, int rows, int width) {
    long[] out = new long[rows * (width + 1)];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(mask, r * width, out, r * (width + 1), width);
      out[r * (width + 1) + width] = 1;
    }
    return out;
  }
}
