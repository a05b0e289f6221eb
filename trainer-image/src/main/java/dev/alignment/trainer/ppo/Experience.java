package dev.alignment.trainer.ppo;

import dev.alignment.trainer.base.BadInputException;
import dev.alignment.trainer.model.Sequence;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rollout batch ready for the PPO update, everything per completion token: the policy's log-probs at sampling time,
 * the KL estimate to the reference, the critic's values, whitened GAE advantages and returns; and the batch's
 * objective metrics. The rewards are r_t = -klCoef * kl_t, plus the reward model's score on the last token.
 */
public record Experience(List<Sequence> rollouts, double[][] logProbs, double[][] kl, double[][] values,
    double[][] advantages, double[][] returns, Map<String, Double> metrics) {

  /**
   * The metrics are TRL's, per sequence: {@code objective/kl} (summed KL), {@code objective/entropy} (summed -log pi of
   * the sampled tokens), {@code objective/scores}, {@code objective/rlhf_reward} (score - klCoef * KL),
   * {@code response_length} (completion tokens, end-of-sequence included) and {@code kl_coef}.
   */
  public static Experience of(List<Sequence> rollouts, double[][] logProbs, double[][] referenceLogProbs,
      CriticEvaluation critic, double klCoef, PpoSettings ppo) {
    int n = rollouts.size();
    double[][] kl = new double[n][];
    double[][] rawAdvantages = new double[n][];
    double[][] returns = new double[n][];
    double klTotal = 0;
    double entropyTotal = 0;
    double lengthTotal = 0;
    double scoreTotal = 0;
    for (int i = 0; i < n; i++) {
      int length = logProbs[i].length;
      if (critic.values()[i].length != length) {
        throw new BadInputException("the critic sees " + critic.values()[i].length + " completion tokens where the policy sees "
            + length + ": the reward model's context length must be at least the policy's");
      }
      kl[i] = new double[length];
      double[] rewards = new double[length];
      for (int t = 0; t < length; t++) {
        kl[i][t] = ppo.klEstimator().estimate(logProbs[i][t], referenceLogProbs[i][t]);
        rewards[t] = -klCoef * kl[i][t];
        klTotal += kl[i][t];
        entropyTotal -= logProbs[i][t];
      }
      if (length > 0) {
        rewards[length - 1] += critic.scores()[i];
      }
      Advantages.Estimate estimate = Advantages.gae(rewards, critic.values()[i], ppo.gamma(), ppo.lambda());
      rawAdvantages[i] = estimate.advantages();
      returns[i] = estimate.returns();
      lengthTotal += length;
      scoreTotal += critic.scores()[i];
    }
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("objective/kl", klTotal / n);
    metrics.put("objective/entropy", entropyTotal / n);
    metrics.put("objective/scores", scoreTotal / n);
    metrics.put("objective/rlhf_reward", (scoreTotal - klCoef * klTotal) / n);
    metrics.put("kl_coef", klCoef);
    metrics.put("response_length", lengthTotal / n);
    return new Experience(rollouts, logProbs, kl, critic.values(), Advantages.whiten(rawAdvantages), returns, metrics);
  }
}
