package dev.alignment.trainer.ppo;

import ai.djl.ndarray.NDManager;
import dev.alignment.trainer.model.LanguageModel;
import dev.alignment.trainer.model.Sampler;
import dev.alignment.trainer.model.Scoring;
import dev.alignment.trainer.model.Sequence;
import dev.alignment.trainer.training.Completions;
import java.io.IOException;
import java.util.List;
import java.util.Random;

/**
 * PPO's rollout phase: samples completions from the policy at the configured temperature and length, measures the
 * policy's and the frozen reference's token log-probabilities (no gradients, same temperature), and asks the critic for
 * values and scores.
 */
record RolloutCollector(LanguageModel policy, LanguageModel reference, Critic critic, PpoSettings ppo) {
  Experience collect(List<String> prompts, double klCoef, NDManager manager, Random random) throws IOException {
    List<Sequence> rollouts = Completions.sample(new Sampler(policy, ppo.temperature(), ppo.maxNewTokens()), prompts, manager, random);
    double[][] logProbs = tokenLogProbs(policy, rollouts, manager);
    double[][] referenceLogProbs = tokenLogProbs(reference, rollouts, manager);
    return Experience.of(rollouts, logProbs, referenceLogProbs, critic.evaluate(rollouts), klCoef, ppo);
  }

  private double[][] tokenLogProbs(LanguageModel model, List<Sequence> rollouts, NDManager manager) {
    return Completions.perToken(model, rollouts, manager,
        (ps, batch, m) -> Scoring.tokenLogProbs(model, ps, batch, m, false, ppo.temperature()));
  }
}
