package dev.alignment.trainer.sim;

import dev.alignment.trainer.rows.PreferencePair;
import java.util.List;
import java.util.Random;

/** Labels a pair by a scorer's preference, flipped with probability {@code noise} (AlpacaFarm's simulated annotators). */
public final class SimulatedAnnotator {
  private final CompletionScorer scorer;
  private final double noise;

  public SimulatedAnnotator(CompletionScorer scorer, double noise) {
    this.scorer = scorer;
    this.noise = noise;
  }

  public PreferencePair label(String prompt, String a, String b, Random random) {
    double[] scores = scorer.score(List.of(prompt, prompt), List.of(a, b));
    return prefersFirst(scores[0], scores[1], random) ? new PreferencePair(prompt, a, b) : new PreferencePair(prompt, b, a);
  }

  /** Whether the annotator prefers the first of two scored completions; equal scores are a coin toss. */
  public boolean prefersFirst(double first, double second, Random random) {
    boolean truth = first == second ? random.nextBoolean() : first > second;
    return random.nextDouble() < noise ? !truth : truth;
  }

  public CompletionScorer scorer() {
    return scorer;
  }
}
