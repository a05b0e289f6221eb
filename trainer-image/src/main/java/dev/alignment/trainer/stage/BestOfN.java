package dev.alignment.trainer.stage;

import ai.djl.ndarray.NDManager;
import dev.alignment.trainer.model.LanguageModel;
import dev.alignment.trainer.model.Sequence;
import dev.alignment.trainer.sim.CompletionScorer;
import dev.alignment.trainer.training.Completions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Best-of-n sampling: n completions per prompt from a policy, the one a scorer (the reward model) rates highest kept. */
final class BestOfN {
  private BestOfN() {}

  /** A prompt's best of n samples and its first sample (what plain sampling would have given), with their scores. */
  record Choice(String prompt, Sequence best, String completion, double score, String firstCompletion, double firstScore) {}

  /** The choice for each prompt; among equal scores the earliest sample wins. */
  static List<Choice> select(LanguageModel policy, CompletionScorer scorer, List<String> prompts, int n, NDManager manager,
      Random random) {
    List<String> repeated = new ArrayList<>(prompts.size() * n);
    prompts.forEach(p -> {
      for (int j = 0; j < n; j++) {
        repeated.add(p);
      }
    });
    List<Sequence> samples = Completions.sample(policy, repeated, manager, random);
    List<String> texts = Completions.texts(policy, samples);
    double[] scores = scorer.score(repeated, texts);
    List<Choice> out = new ArrayList<>(prompts.size());
    for (int i = 0; i < prompts.size(); i++) {
      int first = i * n;
      int best = first;
      for (int j = first + 1; j < first + n; j++) {
        best = scores[j] > scores[best] ? j : best;
      }
      out.add(new Choice(prompts.get(i), samples.get(best), texts.get(best), scores[best], texts.get(first), scores[first]));
    }
    return out;
  }

  /**
   * The analytic KL(best-of-n || policy) = log n - (n - 1) / n (Stiennon et al. 2020), in nats per sequence. It is exact
   * when the n samples are distinct and an upper bound otherwise (Beirami et al. 2024).
   */
  static double kl(int n) {
    return Math.log(n) - (n - 1.0) / n;
  }
}
