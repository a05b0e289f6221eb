package dev.alignment.trainer.hf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Greedy decoding without a KV cache: the whole prefix is recomputed for each new token. */
public final class GreedyDecoder {
  private final HfModel model;

  public GreedyDecoder(HfModel model) {
    this.model = model;
  }

  /** New ids only (the prompt excluded), at most {@code maxNewTokens}, the first end-of-sequence id kept last. */
  public List<Integer> generate(NDManager manager, long[] prompt, int maxNewTokens, Set<Integer> eosIds) {
    List<Integer> generated = new ArrayList<>();
    long[] ids = prompt.clone();
    while (generated.size() < maxNewTokens) {
      int next;
      try (NDManager step = manager.newSubManager()) {
        NDArray input = step.create(ids).expandDims(0);
        NDArray logits = model.forward(input, input.onesLike());
        next = (int) logits.get(0, ids.length - 1).argMax().getLong();
      }
      generated.add(next);
      if (eosIds.contains(next)) {
        break;
      }
      ids = Arrays.copyOf(ids, ids.length + 1);
      ids[ids.length - 1] = next;
    }
    return generated;
  }
}
