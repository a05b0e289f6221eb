package dev.alignment.operator.stage;

import dev.alignment.api.v1alpha1.Algorithm;
import dev.alignment.api.v1alpha1.AlignmentRun;
import dev.alignment.api.v1alpha1.AlignmentRunSpec;
import dev.alignment.api.v1alpha1.DatasetSource;
import dev.alignment.api.v1alpha1.EvaluationSpec;
import dev.alignment.api.v1alpha1.PreferenceDataset;
import dev.alignment.api.v1alpha1.PpoSpec;
import dev.alignment.api.v1alpha1.ResourceRequest;
import dev.alignment.api.v1alpha1.SftSpec;
import dev.alignment.api.v1alpha1.TrainingSpec;
import dev.alignment.contract.BestOfNBlock;
import dev.alignment.contract.BestOfNConfig;
import dev.alignment.contract.CommandConfig;
import dev.alignment.contract.CriticBlock;
import dev.alignment.contract.Defaults;
import dev.alignment.contract.DpoConfig;
import dev.alignment.contract.EvalConfig;
import dev.alignment.contract.ModelRef;
import dev.alignment.contract.PolicyPair;
import dev.alignment.contract.PpoActorConfig;
import dev.alignment.contract.PpoBlock;
import dev.alignment.contract.RolloutInputs;
import dev.alignment.contract.SftConfig;
import dev.alignment.contract.StageHeader;
import dev.alignment.contract.TrainerCommand;
import dev.alignment.contract.TrainingBlock;
import dev.alignment.operator.uri.SpecUris;
import java.util.ArrayList;
import java.util.List;
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
    SpecUris.check(spec, ns, deps.uris());
    List<StageSpec> stages = new ArrayList<>();

    ModelRef reference = ConfigParts.model("spec.model", ns, spec.model);
    if (spec.sft != null) {
      stages.add(new StageSpec(SFT, TrainerCommand.SFT, sft(run, spec.sft, deps), trainer, null));
      reference = ConfigParts.modelAt(Workspace.modelUri(ns, name, SFT), spec.model);
    }
    String policyStage = policyStage(spec.algorithm);
    CommandConfig preference = preference(run, reference, deps);
    if (split(spec)) {
      stages.add(new StageSpec(policyStage, List.of(
          new StageRole(ACTOR, TrainerCommand.PPO_ACTOR, trainer, null),
          new StageRole(CRITIC, TrainerCommand.PPO_CRITIC, critic, Defaults.CRITIC_PORT)), preference, null));
    } else {
      stages.add(new StageSpec(policyStage, command(spec.algorithm), preference, trainer, null));
    }
    // Best-of-n trains nothing: it is the start policy, sampled n times and reranked by the reward model.
    ModelRef policy = spec.algorithm == Algorithm.BestOfN
        ? reference : ConfigParts.modelAt(Workspace.modelUri(ns, name, policyStage), spec.model);
    stages.add(new StageSpec(EVAL, TrainerCommand.EVAL, evaluation(run, new PolicyPair(policy, reference), deps), eval, null));
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

  private static TrainerCommand command(Algorithm algorithm) {
    return switch (algorithm) {
      case DPO, IPO, CDPO -> TrainerCommand.DPO;
      case PPO -> TrainerCommand.PPO_ACTOR;
      case BestOfN -> TrainerCommand.BEST_OF_N;
    };
  }

  private static SftConfig sft(AlignmentRun run, SftSpec sft, Dependencies deps) {
    AlignmentRunSpec spec = run.getSpec();
    TrainingBlock training = ConfigParts.training(sft, seed(spec.training),
        ConfigParts.defaults(Defaults.SFT_STEPS, Defaults.SFT_BATCH_SIZE, Defaults.SFT_LEARNING_RATE));
    String dataset = sft.dataset != null ? sft.dataset.uri : deps.datasetUri(sft.preferenceDataset).orElse(null);
    return new SftConfig(ConfigParts.header(run, SFT, spec.checkpointEvery, deps.uris()),
        ConfigParts.model("spec.model", run.getMetadata().getNamespace(), spec.model), dataset,
        sft.dataset != null ? SftConfig.DatasetKind.demonstrations : SftConfig.DatasetKind.preferences, training);
  }

  private static CommandConfig preference(AlignmentRun run, ModelRef reference, Dependencies deps) {
    AlignmentRunSpec spec = run.getSpec();
    TrainingSpec t = spec.training == null ? new TrainingSpec() : spec.training;
    TrainingBlock training = ConfigParts.training(t, seed(t),
        ConfigParts.defaults(Defaults.PREFERENCE_STEPS, Defaults.PREFERENCE_BATCH_SIZE, Defaults.PREFERENCE_LEARNING_RATE));
    StageHeader header = Exports.to(
        ConfigParts.header(run, policyStage(spec.algorithm), spec.checkpointEvery, deps.uris()), spec.export);
    PolicyPair models = ConfigParts.fromReference(reference);
    return switch (spec.algorithm) {
      case DPO, IPO, CDPO -> new DpoConfig(header, models, deps.datasetUri(spec.preferenceDataset).orElse(null),
          DpoConfig.Loss.valueOf(spec.algorithm.name()), StageDefaults.or(t.beta, Defaults.BETA),
          spec.algorithm == Algorithm.CDPO ? StageDefaults.or(t.labelSmoothing, Defaults.LABEL_SMOOTHING) : Defaults.LABEL_SMOOTHING,
          training);
      case PPO -> new PpoActorConfig(header, rollouts(spec, models, deps), ppo(spec.ppo), training,
          split(spec) ? critic(run) : null);
      case BestOfN -> new BestOfNConfig(header, rollouts(spec, models, deps), bestOfN(spec), Defaults.BEST_OF_N_SAMPLES, training);
    };
  }

  /** What PPO and best-of-n sample and score: the policy on the run's prompts, scored by its reward model. */
  private static RolloutInputs rollouts(AlignmentRunSpec spec, PolicyPair models, Dependencies deps) {
    return new RolloutInputs(models, deps.rewardModelCheckpoint(spec.rewardModel).orElse(null),
        spec.promptDataset == null ? Defaults.PROMPTS : spec.promptDataset.uri);
  }

  private static int bestOfN(AlignmentRunSpec spec) {
    return spec.bestOfN == null || spec.bestOfN.candidates == null ? Defaults.BEST_OF_N : spec.bestOfN.candidates;
  }

  /**
   * Where the actor finds the critic: the critic role's headless Service, by its namespace-relative DNS name; and
   * where both find the attempt's shared secret.
   */
  private static CriticBlock critic(AlignmentRun run) {
    String service = DerivedNames.service(run.getMetadata().getName(), policyStage(Algorithm.PPO), CRITIC);
    return new CriticBlock("http://" + service + "." + run.getMetadata().getNamespace() + ".svc:" + Defaults.CRITIC_PORT,
        Defaults.CRITIC_PORT, CriticToken.FILE);
  }

  private static EvalConfig evaluation(AlignmentRun run, PolicyPair models, Dependencies deps) {
    AlignmentRunSpec spec = run.getSpec();
    TrainingSpec t = spec.training == null ? new TrainingSpec() : spec.training;
    EvaluationSpec e = spec.evaluation == null ? new EvaluationSpec() : spec.evaluation;
    String prompts = e.prompts != null ? e.prompts.uri : spec.promptDataset == null ? Defaults.PROMPTS : spec.promptDataset.uri;
    BestOfNBlock bestOfN = spec.algorithm == Algorithm.BestOfN
        ? new BestOfNBlock(bestOfN(spec), deps.rewardModelCheckpoint(spec.rewardModel).orElse(null)) : null;
    boolean ranked = spec.preferenceDataset != null;
    return new EvalConfig(ConfigParts.header(run, EVAL, spec.checkpointEvery, deps.uris()), models, prompts,
        StageDefaults.or(e.samples, Defaults.EVAL_SAMPLES), DatasetPipeline.annotator(e.annotator, deps),
        StageDefaults.or(t.beta, Defaults.BETA), seed(t), bestOfN,
        ranked ? deps.datasetUri(spec.preferenceDataset).orElse(null) : null,
        ranked ? labelNoise(deps, spec.preferenceDataset) : null);
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
      return source.synthesize.annotator == null ? Defaults.ANNOTATOR_NOISE : StageDefaults.or(source.synthesize.annotator.noise, Defaults.ANNOTATOR_NOISE);
    }
    if (source.uri != null && source.uri.startsWith("builtin://")) {
      Matcher noise = BUILTIN_NOISE.matcher(source.uri);
      return noise.find() ? Double.parseDouble(noise.group(1)) : 0.0;
    }
    return null;
  }

  private static PpoBlock ppo(PpoSpec p) {
    PpoSpec s = p == null ? new PpoSpec() : p;
    return new PpoBlock(
        s.topology == PpoSpec.Topology.Colocated ? PpoBlock.Topology.Colocated : PpoBlock.Topology.Split,
        StageDefaults.or(s.klCoef, Defaults.PPO_KL_COEF), s.targetKl, Defaults.PPO_KL_HORIZON, Defaults.PPO_KL_ESTIMATOR,
        StageDefaults.or(s.clipRange, Defaults.PPO_CLIP_RANGE),
        StageDefaults.or(s.valueClipRange, Defaults.PPO_VALUE_CLIP_RANGE),
        StageDefaults.or(s.gamma, Defaults.PPO_GAMMA), StageDefaults.or(s.lambda, Defaults.PPO_LAMBDA),
        StageDefaults.or(s.epochs, Defaults.PPO_EPOCHS),
        StageDefaults.or(s.rolloutBatchSize, Defaults.PPO_ROLLOUT_BATCH_SIZE),
        StageDefaults.or(s.maxNewTokens, Defaults.PPO_MAX_NEW_TOKENS),
        StageDefaults.or(s.temperature, Defaults.PPO_TEMPERATURE), null, Defaults.PPO_PEER_TIMEOUT_SECONDS,
        s.startupTimeoutSeconds == null ? Defaults.PPO_STARTUP_TIMEOUT_SECONDS : s.startupTimeoutSeconds.doubleValue());
  }

  private static Long seed(TrainingSpec t) {
    return t == null || t.seed == null ? Defaults.SEED : t.seed;
  }
}
