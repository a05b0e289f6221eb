package dev.alignment.trainer;

import dev.alignment.contract.CommandConfig;
import dev.alignment.contract.ContractVersion;
import dev.alignment.contract.Defaults;
import dev.alignment.contract.TrainerCommand;
import dev.alignment.trainer.base.Json;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A test's config made whole for the contract: the keys the operator always writes (the header, and each key the
 * trainer has a fallback for, at that fallback) under the test's own keys, which win, nested blocks merged key by key.
 */
public final class ContractConfigs {
  private static final Map<String, Object> MODEL = Map.of("tokenizer", Defaults.TOKENIZER);
  private static final Map<String, Object> TRAINING = Map.of("maxGradNorm", Defaults.MAX_GRAD_NORM, "seed", Defaults.SEED);
  private static final Map<String, Object> ANNOTATOR = Map.of("type", "Lexicon", "noise", Defaults.ANNOTATOR_NOISE);
  /** The contract's PPO defaults, with the operator's default topology. */
  private static final Map<String, Object> PPO = Map.ofEntries(Map.entry("topology", "Split"),
      Map.entry("klCoef", Defaults.PPO_KL_COEF), Map.entry("clipRange", Defaults.PPO_CLIP_RANGE),
      Map.entry("valueClipRange", Defaults.PPO_VALUE_CLIP_RANGE), Map.entry("gamma", Defaults.PPO_GAMMA),
      Map.entry("lambda", Defaults.PPO_LAMBDA), Map.entry("epochs", Defaults.PPO_EPOCHS),
      Map.entry("rolloutBatchSize", Defaults.PPO_ROLLOUT_BATCH_SIZE), Map.entry("maxNewTokens", Defaults.PPO_MAX_NEW_TOKENS),
      Map.entry("temperature", Defaults.PPO_TEMPERATURE));

  private ContractConfigs() {}

  /** {@code config} completed as {@link #complete} says and read as the trainer reads it: its command's record. */
  @SuppressWarnings("unchecked")
  public static <C extends CommandConfig> C read(String stage, Path workDir, Map<String, Object> config) {
    return (C) ContractReader.read(TrainerCommand.of(stage).orElseThrow(), Path.of(stage + "-config.json"),
        Json.GSON.toJson(complete(stage, workDir, config)));
  }

  /** {@code config} for {@code stage} writing under {@code workDir}, completed as the class comment says. */
  public static Map<String, Object> complete(String stage, Path workDir, Map<String, Object> config) {
    Map<String, Object> full = new LinkedHashMap<>();
    full.put("contractVersion", ContractVersion.CURRENT);
    full.put("stage", stage);
    full.put("namespace", "test");
    full.put("owner", "run");
    full.put("ownerKind", "AlignmentRun");
    full.put("outputDir", workDir.resolve(stage).toString());
    full.put("checkpointEvery", Defaults.CHECKPOINT_EVERY);
    full.put("metricsPort", -1);
    full.putAll(fallbacks(TrainerCommand.of(stage).orElseThrow()));
    return merged(full, config);
  }

  private static Map<String, Object> fallbacks(TrainerCommand command) {
    Map<String, Object> rollout = Map.of("policy", MODEL, "reference", MODEL, "prompts", Defaults.PROMPTS);
    return switch (command) {
      case VALIDATE_DATASET -> Map.of("validationFraction", Defaults.VALIDATION_FRACTION, "fields", Map.of(
          "prompt", Defaults.PROMPT_FIELD, "chosen", Defaults.CHOSEN_FIELD, "rejected", Defaults.REJECTED_FIELD));
      case SYNTHESIZE -> Map.of("policy", MODEL, "prompts", Defaults.PROMPTS, "annotator", ANNOTATOR, "seed", Defaults.SEED);
      case SFT -> Map.of("model", MODEL, "datasetKind", "demonstrations", "training", TRAINING);
      case REWARD -> Map.of("model", MODEL, "training", TRAINING);
      case DPO -> Map.of("policy", MODEL, "reference", MODEL, "loss", "DPO", "training", TRAINING);
      case PPO_ACTOR -> merged(rollout, Map.of("ppo", PPO, "training", TRAINING));
      case PPO_CRITIC -> merged(rollout, Map.of("ppo", PPO, "training", TRAINING,
          "critic", Map.of("url", "http://localhost:" + Defaults.CRITIC_PORT, "port", Defaults.CRITIC_PORT,
              "tokenFile", "/etc/alignment/critic/token")));
      case BEST_OF_N -> merged(rollout, Map.of("training", TRAINING));
      case EVAL -> merged(rollout, Map.of("annotator", ANNOTATOR, "beta", Defaults.BETA, "seed", Defaults.SEED));
    };
  }

  /** {@code base} with {@code over}'s keys put over it; where both hold an object, the two are merged likewise. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> merged(Map<String, Object> base, Map<String, Object> over) {
    Map<String, Object> out = new LinkedHashMap<>(base);
    over.forEach((key, value) -> out.merge(key, value, (a, b) -> a instanceof Map && b instanceof Map
        ? merged((Map<String, Object>) a, (Map<String, Object>) b) : b));
    return out;
  }
}
