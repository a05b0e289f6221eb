package dev.alignment.trainer.sim;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The gold reward: the summed sentiment weights of a completion's words (the simulation's "sentiment classifier"). */
public final class SentimentLexicon implements CompletionScorer {
  static final Map<String, Double> POSITIVE = Map.of(
      "great", 1.0, "wonderful", 0.9, "brilliant", 0.8, "lovely", 0.7,
      "charming", 0.6, "good", 0.5, "fun", 0.4, "nice", 0.3);
  static final Map<String, Double> NEGATIVE = Map.of(
      "awful", -1.0, "terrible", -0.9, "horrible", -0.8, "boring", -0.7,
      "painful", -0.6, "bad", -0.5, "dull", -0.4, "weak", -0.3);
  static final List<String> NEUTRAL = List.of("long", "short", "loud", "quiet", "simple", "slow", "strange", "different");

  public double score(String completion) {
    double total = 0;
    for (String word : completion.toLowerCase(Locale.ROOT).split("\\s+")) {
      total += POSITIVE.getOrDefault(word, NEGATIVE.getOrDefault(word, 0.0));
    }
    return total;
  }

  @Override
  public double[] score(List<String> prompts, List<String> completions) {
    return completions.stream().mapToDouble(this::score).toArray();
  }
}
