package dev.alignment.trainer.ppo;

import ai.djl.ndarray.NDManager;
import dev.alignment.contract.PpoActorConfig;
import dev.alignment.contract.PpoBlock;
import dev.alignment.trainer.base.StageResult;
import dev.alignment.trainer.data.DemonstrationReader;
import dev.alignment.trainer.model.LanguageModel;
import dev.alignment.trainer.model.ModelReference;
import dev.alignment.trainer.store.LoraTraining;
import dev.alignment.trainer.store.ModelStore;
import dev.alignment.trainer.training.Stage;
import dev.alignment.trainer.training.StageContext;
import dev.alignment.trainer.training.TrainingSettings;
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
public final class PpoActorStage implements Stage<PpoActorConfig> {
  @Override
  public StageResult run(StageContext<PpoActorConfig> context) throws IOException {
    PpoActorConfig config = context.config();
    TrainingSettings training = TrainingSettings.from(config.training(), config.header().checkpointEvery());
    PpoSettings ppo = PpoSettings.from(config.ppo(), config.training());
    String rewardModel = config.inputs().rewardModel();
    try (NDManager manager = NDManager.newBaseManager()) {
      ModelReference policyModel = ModelReference.from(config.inputs().models().policy());
      ModelReference referenceModel = ModelReference.from(config.inputs().models().reference());
      LanguageModel policy = ModelStore.languageModel(policyModel, manager, training.seed());
      LoraTraining.attach(policy, training.lora(), policyModel.uri(), training.seed());
      List<String> prompts = DemonstrationReader.prompts(config.inputs().prompts(), policy.tokenizer().chatRenderer());
      // A LoRA policy's reference is its own base with the adapters off, as TRL runs PEFT: no second copy.
      LanguageModel reference = training.lora().isPresent() && referenceModel.uri().equals(policyModel.uri())
          ? LoraTraining.base(policy)
          : ModelStore.languageModel(referenceModel, manager, training.seed());
      context.progress().note(String.format(Locale.ROOT, "PPO (%s): %d iterations of %d rollouts, %d epochs of minibatches of %d, KL coefficient %s",
          ppo.topology(), training.steps(), ppo.rolloutBatchSize(), ppo.epochs(), training.batchSize(),
          ppo.targetKl().isPresent() ? ppo.klCoef() + " adaptive toward " + ppo.targetKl().getAsDouble() : ppo.klCoef() + " fixed"));
      try (Critic critic = open(ppo, rewardModel, context, manager)) {
        Map<String, Double> metrics = new PpoTrainer(policy, reference, critic, prompts, training, ppo, context.outputDir(), context.progress())
            .run(context.modelDir(), manager);
        return new StageResult(context.modelUri(), metrics, null, String.format(Locale.ROOT,
            "PPO (%s) trained %d iterations of %d rollouts; reward model score %.3f, KL %.3f",
            ppo.topology(), training.steps(), ppo.rolloutBatchSize(), metrics.get("objective/scores"), metrics.get("objective/kl")));
      }
    }
  }

  /** The Split topology's {@code critic} block is there and its URL valid: {@code ContractReader} checked both. */
  private static Critic open(PpoSettings ppo, String rewardModel, StageContext<PpoActorConfig> context, NDManager manager)
      throws IOException {
    if (ppo.topology() == PpoBlock.Topology.Colocated) {
      return new LocalCritic(rewardModel, context.outputDir(), ppo, manager);
    }
    try {
      return HttpCritic.connect(URI.create(context.config().critic().url()),
          CriticToken.read(context.config().critic().tokenFile()), ppo, context.progress(), context.processExit());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the critic", e);
    }
  }
}
