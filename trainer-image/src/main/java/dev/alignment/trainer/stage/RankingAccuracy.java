package dev.alignment.trainer.stage;

import ai.djl.ndarray.NDManager;
import dev.alignment.contract.SummaryMetrics;
import dev.alignment.trainer.model.LanguageModel;
import dev.alignment.trainer.model.Sequence;
import dev.alignment.trainer.rows.PreferencePair;
import dev.alignment.trainer.training.Completions;
import dev.alignment.trainer.training.Vectors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Ranking accuracy and idealized ranking accuracy (Chen et al. 2024). A pair is ranked correctly by a policy when
 * log pi(y_w|x) > log pi(y_l|x); by the exact DPO/RLHF optimum when
 * log pi_ref(y_w|x) - log pi_ref(y_l|x) + (1/beta) log(alpha / (1 - alpha)) > 0, with alpha = 1 - label noise kept
 * inside (0, 1) so the log-odds stay finite.
 */
final class RankingAccuracy {
  static final double ALPHA_GUARD = 1e-6;

  private RankingAccuracy() {}

  static Map<String, Double> measure(LanguageModel policy, LanguageModel reference, List<PreferencePair> pairs,
      double beta, OptionalDouble labelNoise, NDManager manager) {
    List<PairEncoding> encoded = PairEncoding.of(pairs, policy.tokenizer());
    List<Sequence> chosen = encoded.stream().map(PairEncoding::chosen).toList();
    List<Sequence> rejected = encoded.stream().map(PairEncoding::rejected).toList();
    double[] policyMargin = Vectors.difference(Completions.logProbs(policy, chosen, manager), Completions.logProbs(policy, rejected, manager));
    double[] referenceMargin = Vectors.difference(Completions.logProbs(reference, chosen, manager), Completions.logProbs(reference, rejected, manager));
    Map<String, Double> out = new LinkedHashMap<>();
    double ranking = Vectors.shareAbove(policyMargin, 0);
    out.put(SummaryMetrics.RANKING_ACCURACY, ranking);
    out.put("referenceRankingAccuracy", Vectors.shareAbove(referenceMargin, 0));
    if (labelNoise.isPresent()) {
      double idealized = Vectors.shareAbove(referenceMargin, -idealizedOffset(labelNoise.getAsDouble(), beta));
      out.put(SummaryMetrics.IDEALIZED_RANKING_ACCURACY, idealized);
      out.put(SummaryMetrics.ALIGNMENT_GAP, idealized - ranking);
    }
    return out;
  }

  /** (1/beta) log(alpha / (1 - alpha)) with alpha = 1 - noise, clamped to [guard, 1 - guard]. */
  static double idealizedOffset(double labelNoise, double beta) {
    double alpha = Math.min(1 - ALPHA_GUARD, Math.max(ALPHA_GUARD, 1 - labelNoise));
    return Math.log(alpha / (1 - alpha)) / beta;
  }
}
