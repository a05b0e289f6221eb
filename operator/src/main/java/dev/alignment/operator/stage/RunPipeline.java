package dev.alignment.operator.stage;

import dev.alignment.api.v1alpha1.Algorithm;
import dev.alignment.api.v1alpha1.AlignmentRun;
import dev.alignment.api.v1alpha1.AlignmentRunSpec;
import dev.alignment.api.v1alpha1.DatasetSource;
import dev.alignment.api.v1alpha1.PreferenceDataset;
import dev.alignment.api.v1alpha1.PpoSpec;
import dev.alignment.api.v1alpha1.ResourceRequest;
import dev.alignment.api.v1alpha1.SftSpec;
import dev.alignment.api.v1alpha1.TrainingSpec;
import dev.alignment.contract.Defaults;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An AlignmentRun's stages: {@code sft} (optional), then the preference stage ({@code dpo} for DPO/IPO/cDPO,
 * {@code ppo} or {@code best-of-n}), then {@code eval}. Each stage reads the previous one's model from the
 * workspace; the reference policy is the SFT output, or the start model without SFT.
 */
public final class RunPipeline {
  public static final String SFT = "sft";
  public static final String EVAL = "eval";
  public static final String ACTOR = "actor";
  public static final String CRITIC = "critic";
  /** Where the PPO critic serves values, rewards and value updates to the actor. */
  public static final int CRITIC_PORT = 8080;
  private static final Pattern BUILTIN_NOISE = Pattern.compile("[?&]noise=([0-9.]+)");

  private RunPipeline() {}

  /** The stage whose output is the run's final policy. */
  public static String policyStage(Algorithm algorithm) {
    return switch (algorithm) {
      case DPO, IPO, CDPO -> "dpo";
      case PPO -> "ppo";
      case BestOfN -> "best-of-n";
    };
  }

  public static List<StageSpec> stages(AlignmentRun run, Dependencies deps) {
    AlignmentRunSpec spec = run.getSpec();
    String ns = run.getMetadata().getNamespace();
    String name = run.getMetadata().getName();
    ResourceRequest trainer = spec.resources == null ? null : spec.resources.trainer;
    ResourceRequest eval = spec.resources == null ? null : spec.resources.eval;
    ResourceRequest critic = spec.resources == null ? null : spec.resources.critic;
    List<StageSpec> stages = new ArrayList<>();

    Map<String, Object> reference = StageConfig.model(ns, spec.model);
    if (spec.sft != null) {
      stages.add(new StageSpec(SFT, "sft", sft(run, spec.sft, deps), trainer, null));
      reference = StageConfig.modelAt(Workspace.modelUri(ns, name, SFT), ns, spec.model);
    }
    String policyStage = policyStage(spec.algorithm);
    Map<String, Object> preference = preference(run, reference, deps);
    if (split(spec)) {
      stages.add(new StageSpec(policyStage, List.of(
          new StageRole(ACTOR, "ppo-actor", trainer, null),
          new StageRole(CRITIC, "ppo-critic", critic, CRITIC_PORT)), preference, null));
    } else {
      stages.add(new StageSpec(policyStage, command(spec.algorithm), preference, trainer, null));
    }
    // Best-of-n trains nothing: it is the start policy, sampled n times and reranked by the reward model.
    Map<String, Object> policy = spec.algorithm == Algorithm.BestOfN
        ? reference : StageConfig.modelAt(Workspace.modelUri(ns, name, policyStage), ns, spec.model);
    stages.add(new StageSpec(EVAL, "eval", evaluation(run, policy, reference, deps), eval, null));
    return stages;
  }

  /** Datasets the run reads: the preference dataset and the SFT stage's, when named. */
  public static List<String> datasets(AlignmentRunSpec spec) {
    List<String> names = new ArrayList<>();
    if (spec.sft != null && spec.sft.preferenceDataset != null) {
      names.add(spec.sft.preferenceDataset);
    }
    if (spec.preferenceDataset != null && !names.contains(spec.preferenceDataset)) {
      names.add(spec.preferenceDataset);
    }
    return names;
  }

  /** Reward models the run reads: the one PPO and best-of-n optimise against, and an evaluation judge. */
  public static List<String> rewardModels(AlignmentRunSpec spec) {
    List<String> names = new ArrayList<>();
    if (spec.rewardModel != null) {
      names.add(spec.rewardModel);
    }
    String judge = spec.evaluation == null || spec.evaluation.annotator == null ? null : spec.evaluation.annotator.rewardModel;
    if (judge != null && !names.contains(judge)) {
      names.add(judge);
    }
    return names;
  }

  /** PPO with actor and critic in separate Jobs (the default topology). */
  static boolean split(AlignmentRunSpec spec) {
    return spec.algorithm == Algorithm.PPO && (spec.ppo == null || spec.ppo.topology != PpoSpec.Topology.Colocated);
  }

  private static String command(Algorithm algorithm) {
    return switch (algorithm) {
      case DPO, IPO, CDPO -> "dpo";
      case PPO -> "ppo-actor";
      case BestOfN -> "best-of-n";
    };
  }

  private static Map<String, Object> sft(AlignmentRun run, SftSpec sft, Dependencies deps) {
    AlignmentRunSpec spec = run.getSpec();
    Map<String, Object> training = new LinkedHashMap<>();
    training.put("steps", StageDefaults.or(sft.steps, Defaults.SFT_STEPS));
    training.put("batchSize", StageDefaults.or(sft.batchSize, Defaults.SFT_BATCH_SIZE));
    training.put("learningRate", StageDefaults.or(sft.learningRate, Defaults.SFT_LEARNING_RATE));
    training.put("maxGradNorm", StageDefaults.or(sft.maxGradNorm, Defaults.MAX_GRAD_NORM));
    training.put("seed", seed(spec.training));
    String dataset = sft.dataset != null ? sft.dataset.uri : deps.datasetUri(sft.preferenceDataset).orElse(null);
    return StageConfig.forStage(run, SFT, spec.checkpointEvery)
        .put("model", StageConfig.model(run.getMetadata().getNamespace(), spec.model))
        .put("dataset", dataset)
        .put("datasetKind", sft.dataset != null ? "demonstrations" : "preferences")
        .put("training", training)
        .build();
  }

  private static Map<String, Object> preference(AlignmentRun run, Map<String, Object> reference, Dependencies deps) {
    AlignmentRunSpec spec = run.getSpec();
    TrainingSpec t = spec.training == null ? new TrainingSpec() : spec.training;
    Map<String, Object> training = new LinkedHashMap<>();
    training.put("steps", StageDefaults.or(t.steps, Defaults.PREFERENCE_STEPS));
    training.put("batchSize", StageDefaults.or(t.batchSize, Defaults.PREFERENCE_BATCH_SIZE));
    training.put("learningRate", StageDefaults.or(t.learningRate, Defaults.PREFERENCE_LEARNING_RATE));
    training.put("maxGradNorm", StageDefaults.or(t.maxGradNorm, Defaults.MAX_GRAD_NORM));
    training.put("seed", seed(t));
    StageConfig config = StageConfig.forStage(run, policyStage(spec.algorithm), spec.checkpointEvery)
        .put("policy", reference)
        .put("reference", reference)
        .put("training", training);
    String prompts = spec.promptDataset == null ? Defaults.PROMPTS : spec.promptDataset.uri;
    switch (spec.algorithm) {
      case DPO, IPO, CDPO -> config
          .put("loss", spec.algorithm.name())
          .put("beta", StageDefaults.or(t.beta, Defaults.BETA))
          .put("labelSmoothing", spec.algorithm == Algorithm.CDPO ? t.labelSmoothing : 0.0)
          .put("dataset", deps.datasetUri(spec.preferenceDataset).orElse(null));
      case PPO -> config
          .put("rewardModel", deps.rewardModelCheckpoint(spec.rewardModel).orElse(null))
          .put("prompts", prompts)
          .put("ppo", ppo(spec.ppo))
          .put("critic", split(spec) ? critic(run) : null);
      case BestOfN -> config
          .put("rewardModel", deps.rewardModelCheckpoint(spec.rewardModel).orElse(null))
          .put("prompts", prompts)
          .put("n", bestOfN(spec));
    }
    return config.build();
  }

  private static int bestOfN(AlignmentRunSpec spec) {
    return spec.bestOfN == null || spec.bestOfN.candidates == null ? Defaults.BEST_OF_N : spec.bestOfN.candidates;
  }

  /** Where the actor finds the critic: the critic role's headless Service, by its namespace-relative DNS name. */
  private static Map<String, Object> critic(AlignmentRun run) {
    String service = DerivedNames.service(run.getMetadata().getName(), policyStage(Algorithm.PPO), CRITIC);
    return Map.of(
        "url", "http://" + service + "." + run.getMetadata().getNamespace() + ".svc:" + CRITIC_PORT,
        "port", CRITIC_PORT);
  }

  private static Map<String, Object> evaluation(
      AlignmentRun run, Map<String, Object> policy, Map<String, Object> reference, Dependencies deps) {
    AlignmentRunSpec spec = run.getSpec();
    TrainingSpec t = spec.training == null ? new TrainingSpec() : spec.training;
    StageConfig config = StageConfig.forStage(run, EVAL, spec.checkpointEvery)
        .put("policy", policy)
        .put("reference", reference)
        .put("prompts", spec.evaluation != null && spec.evaluation.prompts != null ? spec.evaluation.prompts.uri
            : spec.promptDataset == null ? Defaults.PROMPTS : spec.promptDataset.uri)
        .put("samples", spec.evaluation == null || spec.evaluation.samples == null
            ? Defaults.EVAL_SAMPLES : spec.evaluation.samples)
        .put("annotator", DatasetPipeline.annotator(spec.evaluation == null ? null : spec.evaluation.annotator, deps))
        .put("beta", StageDefaults.or(t.beta, Defaults.BETA))
        .put("seed", seed(t));
    if (spec.algorithm == Algorithm.BestOfN) {
      Map<String, Object> bestOfN = new LinkedHashMap<>();
      bestOfN.put("n", bestOfN(spec));
      deps.rewardModelCheckpoint(spec.rewardModel).ifPresent(uri -> bestOfN.put("rewardModel", uri));
      config.put("bestOfN", bestOfN);
    }
    if (spec.preferenceDataset != null) {
      config.put("preferenceDataset", deps.datasetUri(spec.preferenceDataset).orElse(null));
      config.put("preferenceLabelNoise", labelNoise(deps, spec.preferenceDataset));
    }
    return config.build();
  }

  /**
   * The dataset's label noise where it is known: a synthesized dataset's annotator noise, or the {@code noise}
   * parameter of built-in data (default 0). The idealized ranking accuracy uses alpha = 1 - noise; for a user's
   * file the noise is unknown and that metric is not computed.
   */
  static Double labelNoise(Dependencies deps, String dataset) {
    PreferenceDataset pds = deps.datasets().get(dataset);
    if (pds == null) {
      return null;
    }
    DatasetSource source = pds.getSpec().source;
    if (source.synthesize != null) {
      return source.synthesize.annotator == null ? 0.0 : StageDefaults.or(source.synthesize.annotator.noise, 0.0);
    }
    if (source.uri != null && source.uri.startsWith("builtin://")) {
      Matcher noise = BUILTIN_NOISE.matcher(source.uri);
      return noise.find() ? Double.parseDouble(noise.group(1)) : 0.0;
    }
    return null;
  }

  private static Map<String, Object> ppo(PpoSpec p) {
    PpoSpec s = p == null ? new PpoSpec() : p;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("topology", s.topology == null ? PpoSpec.Topology.Split.name() : s.topology.name());
    out.put("klCoef", StageDefaults.or(s.klCoef, 0.05));
    if (s.targetKl != null) {
      out.put("targetKl", s.targetKl);
    }
    out.put("clipRange", StageDefaults.or(s.clipRange, 0.2));
    out.put("valueClipRange", StageDefaults.or(s.valueClipRange, 0.2));
    out.put("gamma", StageDefaults.or(s.gamma, 1.0));
    out.put("lambda", StageDefaults.or(s.lambda, 0.95));
    out.put("epochs", StageDefaults.or(s.epochs, 4));
    out.put("rolloutBatchSize", StageDefaults.or(s.rolloutBatchSize, 32));
    out.put("maxNewTokens", StageDefaults.or(s.maxNewTokens, 16));
    out.put("temperature", StageDefaults.or(s.temperature, 1.0));
    if (s.startupTimeoutSeconds != null) {
      out.put("startupTimeoutSeconds", s.startupTimeoutSeconds);
    }
    return out;
  }

  private static long seed(TrainingSpec t) {
    return t == null || t.seed == null ? 0L : t.seed;
  }
}
