package dev.alignment.trainer.ppo;

import ai.djl.ndarray.NDManager;
import dev.alignment.trainer.StageConfig;
import dev.alignment.trainer.StageResult;
import dev.alignment.trainer.data.DemonstrationReader;
import dev.alignment.trainer.model.LanguageModel;
import dev.alignment.trainer.model.ModelReference;
import dev.alignment.trainer.model.ModelStore;
import dev.alignment.trainer.stage.Stage;
import dev.alignment.trainer.stage.StageContext;
import dev.alignment.trainer.stage.TrainingSettings;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ppo-actor}: RLHF with PPO against a reward model. Holds the policy and the frozen reference (kept in memory:
 * every iteration needs its log-probabilities of fresh samples); the value and reward models are the critic's, in
 * this process (Colocated) or the {@code ppo-critic} pod at {@code critic.url} (Split). Saves the policy to
 * {@code <outputDir>/model}.
 */
public final class PpoActorStage implements Stage {
  @Override
  public StageResult run(StageContext context) throws IOException {
    StageConfig config = context.config();
    TrainingSettings training = TrainingSettings.from(config);
    PpoSettings ppo = PpoSettings.from(config, training.learningRate(), training.maxGradNorm());
    String rewardModel = config.string("rewardModel");
    List<String> prompts = DemonstrationReader.prompts(config.string("prompts"));
    try (NDManager manager = NDManager.newBaseManager()) {
      LanguageModel policy = ModelStore.languageModel(ModelReference.from(config.object("policy")), manager, training.seed());
      LanguageModel reference = ModelStore.languageModel(ModelReference.from(config.object("reference")), manager, training.seed());
      context.progress().note(String.format(Locale.ROOT, "PPO (%s): %d iterations of %d rollouts, %d epochs of minibatches of %d, KL coefficient %s",
          ppo.topology(), training.steps(), ppo.rolloutBatchSize(), ppo.epochs(), training.batchSize(),
          ppo.targetKl().isPresent() ? ppo.klCoef() + " adaptive toward " + ppo.targetKl().getAsDouble() : ppo.klCoef() + " fixed"));
      try (Critic critic = open(config, ppo, rewardModel, context, manager)) {
        Map<String, Double> metrics = new PpoTrainer(policy, reference, critic, prompts, training, ppo, context.outputDir(), context.progress())
            .run(context.modelDir(), manager);
        return new StageResult(context.modelUri(), metrics, null, String.format(Locale.ROOT,
            "PPO (%s) trained %d iterations of %d rollouts; reward model score %.3f, KL %.3f",
            ppo.topology(), training.steps(), ppo.rolloutBatchSize(), metrics.get("objective/scores"), metrics.get("objective/kl")));
      }
    }
  }

  private static Critic open(StageConfig config, PpoSettings ppo, String rewardModel, StageContext context, NDManager manager)
      throws IOException {
    if (ppo.topology() == PpoSettings.Topology.Colocated) {
      return new LocalCritic(rewardModel, context.outputDir(), ppo, manager);
    }
    StageConfig critic = config.object("critic");
    URI url;
    try {
      url = URI.create(critic.string("url"));
    } catch (IllegalArgumentException e) {
      throw critic.invalid("url", "is not a URI: " + e.getMessage());
    }
    try {
      return HttpCritic.connect(url, ppo, context.progress(), context.processExit());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the critic", e);
    }
  }
}
