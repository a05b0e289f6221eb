package dev.alignment.trainer.hf;

import java.util.Set;

/**
 * How {@link Generator} decodes: at most {@code maxNewTokens} per row, stopping a row at any of {@code eosIds} (kept
 * last); greedy at {@code temperature} 0, else sampling from the top-p nucleus of softmax(logits / temperature) with
 * a {@code seed}ed generator; {@code padId} fills a stopped row's later steps.
 */
public record GenerationSettings(
    int maxNewTokens, double temperature, double topP, long seed, Set<Integer> eosIds, int padId) {

  public GenerationSettings {
    if (maxNewTokens < 1) {
      throw new IllegalArgumentException("maxNewTokens must be at least 1, was " + maxNewTokens);
    }
    if (!(temperature >= 0)) {
      throw new IllegalArgumentException("temperature must be 0 (greedy) or positive, was " + temperature);
    }
    if (!(topP > 0 && topP <= 1)) {
      throw new IllegalArgumentException("topP must be in (0, 1], was " + topP);
    }
    eosIds = Set.copyOf(eosIds);
  }

  public static GenerationSettings greedy(int maxNewTokens, Set<Integer> eosIds, int padId) {
    return new GenerationSettings(maxNewTokens, 0, 1, 0, eosIds, padId);
  }
}
