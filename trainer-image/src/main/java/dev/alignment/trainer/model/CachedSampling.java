package dev.alignment.trainer.model;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Random;

/** A network that samples with a key/value cache: each new token costs one position, not the whole sequence again. */
public interface CachedSampling {
  /**
   * One completion per prompt (token ids, prompts already cut to fit), at most {@code maxNewTokens} each, ending at
   * an end-of-sequence id when one was drawn.
   */
  List<int[]> sample(List<int[]> prompts, double temperature, int maxNewTokens, NDManager manager, Random random);
}
