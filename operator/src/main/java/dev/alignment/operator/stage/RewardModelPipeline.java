package dev.alignment.operator.stage;

import dev.alignment.api.v1alpha1.RewardModel;
import dev.alignment.api.v1alpha1.RewardModelSpec;
import dev.alignment.api.v1alpha1.RewardTraining;
import dev.alignment.contract.Defaults;
import dev.alignment.contract.RewardConfig;
import dev.alignment.contract.TrainerCommand;
import dev.alignment.contract.TrainingBlock;
import dev.alignment.operator.uri.SpecUris;
import java.util.List;

/** A trained RewardModel's single stage: {@code reward}, Bradley-Terry training on a validated dataset. */
public final class RewardModelPipeline {
  public static final String REWARD = "reward";

  private RewardModelPipeline() {}

  public static List<StageSpec> stages(RewardModel rm, Dependencies deps) {
    RewardModelSpec spec = rm.getSpec();
    RewardTraining t = spec.training == null ? new RewardTraining() : spec.training;
    TrainingBlock training = ConfigParts.training(t, t.seed,
        ConfigParts.defaults(Defaults.REWARD_STEPS, Defaults.REWARD_BATCH_SIZE, Defaults.REWARD_LEARNING_RATE));
    SpecUris.check(spec, rm.getMetadata().getNamespace(), deps.uris());
    return List.of(new StageSpec(REWARD, TrainerCommand.REWARD,
        new RewardConfig(Exports.to(ConfigParts.header(rm, REWARD, spec.checkpointEvery, deps.uris()), spec.export),
            ConfigParts.model("spec.model", rm.getMetadata().getNamespace(), spec.model),
            deps.datasetUri(spec.preferenceDataset).orElse(null), training),
        spec.resources, null));
  }
}
