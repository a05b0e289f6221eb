package dev.alignment.trainer.ppo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import dev.alignment.contract.Defaults;
import dev.alignment.trainer.base.BadInputException;
import dev.alignment.trainer.data.DemonstrationReader;
import dev.alignment.trainer.data.Tokenizers;
import dev.alignment.trainer.model.AdamOptimizer;
import dev.alignment.trainer.model.LanguageModel;
import dev.alignment.trainer.model.ModelReference;
import dev.alignment.trainer.store.ModelStore;
import dev.alignment.trainer.training.Batches;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first PPO iteration, where the policy equals the reference: every token's KL is exactly 0, so the rewards are
 * the reward model's scores alone, and the first minibatch's ratios are 1, so its loss is -mean(A) over its tokens.
 */
class PpoFirstIterationTest {
  @TempDir Path work;
  private final NDManager manager = NDManager.newBaseManager();

  @AfterEach
  void close() {
    manager.close();
  }

  private PpoSettings settings(String estimator) {
    return PpoRuns.settings(work, PpoRuns.config(work, 1, 1, Map.of("topology", "Colocated", "klEstimator", estimator, "maxNewTokens", 12)));
  }

  @Test
  void klIsExactlyZeroAndThePolicyLossIsTheClippedSurrogateAtRatioOne() throws Exception {
    PpoSettings ppo = settings("k1");
    LanguageModel policy = ModelStore.languageModel(ModelReference.of("builtin://tiny"), manager, 3);
    LanguageModel reference = ModelStore.languageModel(ModelReference.of("builtin://tiny"), manager, 3);
    try (LocalCritic critic = new LocalCritic("builtin://tiny", work, ppo, manager)) {
      critic.resume(0, policy.tokenizer().vocabSize());
      Random random = new Random(11);
      List<String> prompts = Batches.sample(DemonstrationReader.prompts("builtin://sentiment/prompts", Optional.empty()), 16, random);
      Experience experience = new RolloutCollector(policy, reference, critic, ppo).collect(prompts, 0.05, manager, random);

      assertThat(experience.metrics()).containsEntry("objective/kl", 0.0);
      CriticEvaluation evaluation = critic.evaluate(experience.rollouts());
      for (int i = 0; i < prompts.size(); i++) {
        assertThat(experience.kl()[i]).isNotEmpty().containsOnly(0.0);
        // gamma 1 and no KL penalty: the last token's return is the score.
        double[] returns = experience.returns()[i];
        assertThat(returns[returns.length - 1]).isCloseTo(evaluation.scores()[i], within(1e-9));
      }
      double[] allAdvantages = Arrays.stream(experience.advantages()).flatMapToDouble(Arrays::stream).toArray();
      assertThat(Arrays.stream(allAdvantages).average().orElseThrow()).isCloseTo(0, within(1e-9));

      int[] minibatch = {3, 0, 7, 12, 5};
      double[] minibatchAdvantages = Arrays.stream(Minibatches.rows(experience.advantages(), minibatch))
          .flatMapToDouble(Arrays::stream).toArray();
      // ratio 1: max(-A * 1, -A * clip(1, 0.8, 1.2)) = -A per token
      double expectedLoss = -Arrays.stream(minibatchAdvantages).average().orElseThrow();
      assertThat(Math.abs(expectedLoss)).isGreaterThan(1e-3);

      Map<String, Double> stats = new PolicyUpdater(policy, new AdamOptimizer(policy, 1e-3f, Defaults.MAX_GRAD_NORM), ppo).step(experience, minibatch, manager);
      assertThat(stats.get("loss/policy")).isCloseTo(expectedLoss, within(1e-5));
      assertThat(stats.get("policy/clipfrac")).isZero();
      assertThat(stats.get("policy/approxkl")).isLessThan(1e-10);
    }
  }

  @Test
  void k3IsZeroWherePolicyAndReferenceAgree() throws Exception {
    PpoSettings ppo = settings("k3");
    LanguageModel policy = ModelStore.languageModel(ModelReference.of("builtin://tiny"), manager, 3);
    try (LocalCritic critic = new LocalCritic("builtin://tiny", work, ppo, manager)) {
      critic.resume(0, policy.tokenizer().vocabSize());
      Experience experience = new RolloutCollector(policy, policy, critic, ppo)
          .collect(List.of("the plot was", "this cast felt"), 0.05, manager, new Random(1));
      assertThat(experience.metrics()).containsEntry("objective/kl", 0.0);
    }
  }

  @Test
  void theCriticRefusesAMissingCheckpointAndAnotherTokenizer() throws Exception {
    int vocabulary = Tokenizers.load(Tokenizers.BUILTIN_WORDS).vocabSize();
    try (LocalCritic critic = new LocalCritic("builtin://tiny", work, settings("k1"), manager)) {
      assertThatThrownBy(() -> critic.resume(30, vocabulary))
          .isInstanceOf(BadInputException.class)
          .hasMessageContaining(work.resolve("critic/checkpoints/step-00000030").toString()).hasMessageContaining("missing");
      assertThatThrownBy(() -> critic.resume(0, 7))
          .isInstanceOf(BadInputException.class).hasMessageContaining("vocabulary of " + vocabulary + " tokens and the policy one of 7");
    }
  }
}
