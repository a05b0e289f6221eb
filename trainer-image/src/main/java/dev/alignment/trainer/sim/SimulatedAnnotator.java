package dev.alignment.trainer.sim;

import dev.alignment.trainer.rows.PreferencePair;
import java.util.List;
import java.util.Random;

/** Labels a pair by a scorer's preference, flipped with probability {@code noise} (AlpacaFarm's simulated annotators). */
public record SimulatedAnnotator(CompletionScorer scorer, double noise) {
  public PreferencePair label(String prompt, String a, String b, Random random) {
    double[] scores = scorer.score(List.of(prompt, prompt), List.of(a, b));
    return prefersFirst(scores[0], scores[1], random) ? new PreferencePair(prompt, a, b) : new PreferencePair(prompt, b, a);
  }

  /** Whether the annotator prefers the first of two scored completions; equal scores are a coin toss. */
  public boolean prefersFirst(double first, double second, Random random) {
    boolean truth = first == second ? random.nextBoolean() : first > second;
    return random.nextDouble() < noise ? !truth : truth;
  }
}
