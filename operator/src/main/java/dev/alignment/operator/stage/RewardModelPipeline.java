package dev.alignment.operator.stage;

import dev.alignment.api.v1alpha1.RewardModel;
import dev.alignment.api.v1alpha1.RewardModelSpec;
import dev.alignment.api.v1alpha1.RewardTraining;
import dev.alignment.contract.Defaults;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A trained RewardModel's single stage: {@code reward}, Bradley-Terry training on a validated dataset. */
public final class RewardModelPipeline {
  public static final String REWARD = "reward";

  private RewardModelPipeline() {}

  public static List<StageSpec> stages(RewardModel rm, Dependencies deps) {
    RewardModelSpec spec = rm.getSpec();
    RewardTraining t = spec.training == null ? new RewardTraining() : spec.training;
    Map<String, Object> training = new LinkedHashMap<>();
    training.put("steps", StageDefaults.or(t.steps, Defaults.REWARD_STEPS));
    training.put("batchSize", StageDefaults.or(t.batchSize, Defaults.REWARD_BATCH_SIZE));
    training.put("learningRate", StageDefaults.or(t.learningRate, Defaults.REWARD_LEARNING_RATE));
    training.put("maxGradNorm", StageDefaults.or(t.maxGradNorm, Defaults.MAX_GRAD_NORM));
    training.put("seed", StageDefaults.or(t.seed, 0L));
    return List.of(new StageSpec(REWARD, "reward",
        StageConfig.forStage(rm, REWARD, spec.checkpointEvery)
            .put("model", StageConfig.model(rm.getMetadata().getNamespace(), spec.model))
            .put("dataset", deps.datasetUri(spec.preferenceDataset).orElse(null))
            .put("training", training)
            .build(),
        spec.resources, null));
  }
}
