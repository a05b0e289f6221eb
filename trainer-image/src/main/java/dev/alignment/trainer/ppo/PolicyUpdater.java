package dev.alignment.trainer.ppo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.alignment.trainer.model.AdamOptimizer;
import dev.alignment.trainer.model.GradientScope;
import dev.alignment.trainer.model.LanguageModel;
import dev.alignment.trainer.model.Scoring;
import dev.alignment.trainer.model.Sequence;
import dev.alignment.trainer.model.TokenBatch;
import dev.alignment.trainer.training.StepOutput;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** PPO's policy update on one minibatch of an experience: the clipped surrogate loss, its gradient, one Adam step. */
record PolicyUpdater(LanguageModel policy, AdamOptimizer optimizer, PolicyObjective objective, double temperature) {
  /** The update PPO's settings ask for: clipped at {@code clipRange}, log-probabilities at the sampling temperature. */
  PolicyUpdater(LanguageModel policy, AdamOptimizer optimizer, PpoSettings ppo) {
    this(policy, optimizer, new PolicyObjective(ppo.clipRange()), ppo.temperature());
  }

  /** {@code loss/policy}, {@code policy/clipfrac}, {@code policy/approxkl} of the minibatch, before its update. */
  Map<String, Double> step(Experience experience, int[] minibatch, NDManager manager) {
    List<Sequence> rollouts = Arrays.stream(minibatch).mapToObj(experience.rollouts()::get).toList();
    Map<String, Double> values = new LinkedHashMap<>();
    try (NDManager m = manager.newSubManager(); GradientScope gradients = GradientScope.open()) {
      TokenBatch batch = TokenBatch.of(rollouts, policy.contextLength(), policy.tokenizer().padId());
      NDArray logProbs = Scoring.tokenLogProbs(policy, new ParameterStore(m, false), batch, m, true, temperature);
      StepOutput out = objective.evaluate(logProbs,
          batch.atCompletionTargets(Minibatches.rows(experience.logProbs(), minibatch), m),
          batch.atCompletionTargets(Minibatches.rows(experience.advantages(), minibatch), m),
          batch.completionMask(m), batch.tokenCount());
      gradients.backward(out.loss());
      values.put("loss/policy", (double) out.loss().getFloat());
      out.metrics().forEach((name, v) -> values.put(name, (double) v.getFloat()));
    }
    values.put("policy/gradNorm", optimizer.step());
    return values;
  }
}
