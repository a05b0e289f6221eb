package dev.alignment.contract;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The value ranges a config's types cannot state (counts > 0, fractions in [0, 0.5], a Split actor's critic URL, LoRA's
 * module names, ...), checked before any work; a value out of range is a {@link ContractException} naming its key path.
 */
public final class ContractChecks {
  private static final double HALF = 0.5;
  private static final Pattern MODULE_NAME = Pattern.compile(LoraBlock.MODULE_NAME);
  /** A bucket by S3's naming rules, then an optional key prefix. */
  private static final Pattern S3_PREFIX = Pattern.compile("s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/.*)?");

  private ContractChecks() {}

  public static void check(CommandConfig config) {
    positive("checkpointEvery", config.header().checkpointEvery());
    http(config.header().httpPolicy());
    String root = config.header().workspaceRoot();
    if (root != null && !root.startsWith("/")) {
      throw invalid("workspaceRoot", "must be an absolute path", root);
    }
    storage(config);
    if (config instanceof ValidateDatasetConfig c) {
      within("validationFraction", c.validationFraction(), 0, HALF);
    } else if (config instanceof SynthesizeConfig c) {
      model("policy", c.policy());
      positive("pairs", c.pairs());
      annotator("annotator", c.annotator());
    } else if (config instanceof RewardConfig c) {
      model("model", c.model());
      training(c.training());
    } else if (config instanceof SftConfig c) {
      model("model", c.model());
      training(c.training());
    } else if (config instanceof DpoConfig c) {
      models(c.models());
      training(c.training());
      positive("beta", c.beta());
      if (c.labelSmoothing() != null) {
        within("labelSmoothing", c.labelSmoothing(), 0, HALF);
      }
    } else if (config instanceof PpoActorConfig c) {
      models(c.inputs().models());
      training(c.training());
      ppo(c.ppo());
      if (c.ppo().topology() == PpoBlock.Topology.Split) {
        if (c.critic() == null) {
          throw new ContractException("missing key 'critic': the Split topology's actor needs the critic's url");
        }
        uri("critic.url", c.critic().url());
        nonBlank("critic.tokenFile", c.critic().tokenFile());
      }
    } else if (config instanceof PpoCriticConfig c) {
      models(c.inputs().models());
      training(c.training());
      ppo(c.ppo());
      nonBlank("critic.tokenFile", c.critic().tokenFile());
    } else if (config instanceof BestOfNConfig c) {
      models(c.inputs().models());
      positive("n", c.n());
      if (c.samples() != null) {
        positive("samples", c.samples());
      }
    } else if (config instanceof EvalConfig c) {
      models(c.models());
      positive("samples", c.samples());
      positive("beta", c.beta());
      if (c.preferenceLabelNoise() != null) {
        within("preferenceLabelNoise", c.preferenceLabelNoise(), 0, HALF);
      }
      annotator("annotator", c.annotator());
      if (c.bestOfN() != null) {
        positive("bestOfN.n", c.bestOfN().n());
        if (c.bestOfN().rewardModel() == null) {
          throw new ContractException("missing key 'rewardModel' at bestOfN: the reference trainer picks the best sample with it");
        }
      }
    }
  }

  /** The endpoint is an http(s) URL; an export goes to an s3:// prefix, from a stage that trains a model. */
  private static void storage(CommandConfig config) {
    String endpoint = config.header().s3Endpoint();
    if (endpoint != null && !(endpoint.startsWith("http://") || endpoint.startsWith("https://"))) {
      throw invalid("s3Endpoint", "must be an http:// or https:// URL", "\"" + endpoint + "\"");
    }
    if (endpoint != null) {
      uri("s3Endpoint", endpoint);
    }
    String export = config.header().exportUri();
    if (export == null) {
      return;
    }
    if (!S3_PREFIX.matcher(export).matches()) {
      throw invalid("exportUri", "must be s3://<bucket>/<prefix> with a valid bucket name", "\"" + export + "\"");
    }
    // A Split critic reads its actor's config, exportUri included; the actor exports.
    if (!(config instanceof SftConfig || config instanceof RewardConfig || config instanceof DpoConfig
        || config instanceof PpoActorConfig || config instanceof PpoCriticConfig)) {
      throw new ContractException("exportUri: the " + config.header().stage() + " stage trains no model to export");
    }
  }

  private static void training(TrainingBlock t) {
    positive("training.steps", t.steps());
    positive("training.batchSize", t.batchSize());
    positive("training.learningRate", t.learningRate());
    if (!(t.maxGradNorm() >= 0) || Double.isInfinite(t.maxGradNorm())) {
      throw invalid("training.maxGradNorm", "must be a finite number >= 0 (0 turns clipping off)", t.maxGradNorm());
    }
    if (t.lora() != null) {
      lora("training.lora", t.lora());
    }
  }

  private static void lora(String key, LoraBlock l) {
    positive(key + ".rank", l.rank());
    if (!(l.alpha() > 0) || Double.isInfinite(l.alpha())) {
      throw invalid(key + ".alpha", "must be a finite number > 0", l.alpha());
    }
    if (!(l.dropout() >= 0 && l.dropout() < 1)) {
      throw invalid(key + ".dropout", "must be in [0, 1)", l.dropout());
    }
    List<String> modules = l.targetModules();
    if (modules != null && modules.isEmpty()) {
      throw invalid(key + ".targetModules", "must name at least one module (leave it out for the architecture's default)", "[]");
    }
    for (int i = 0; modules != null && i < modules.size(); i++) {
      if (!MODULE_NAME.matcher(modules.get(i)).matches()) {
        throw invalid(key + ".targetModules[" + i + "]", "must be a module name matching " + LoraBlock.MODULE_NAME,
            "\"" + modules.get(i) + "\"");
      }
    }
  }

  private static void models(PolicyPair pair) {
    model("policy", pair.policy());
    model("reference", pair.reference());
  }

  private static void model(String key, ModelRef m) {
    if (m.chatTemplate() != null && m.chatTemplate().isBlank()) {
      throw new ContractException(key + ".chatTemplate: must not be blank (leave it out for the tokenizer's own)");
    }
    if (m.maxLength() != null) {
      positive(key + ".maxLength", m.maxLength());
    }
  }

  private static void ppo(PpoBlock p) {
    if (!(p.klCoef() >= 0)) {
      throw invalid("ppo.klCoef", "must be >= 0", p.klCoef());
    }
    positiveIfSet("ppo.targetKl", p.targetKl());
    positiveIfSet("ppo.klHorizon", p.klHorizon());
    positive("ppo.clipRange", p.clipRange());
    positive("ppo.valueClipRange", p.valueClipRange());
    within("ppo.gamma", p.gamma(), 0, 1);
    within("ppo.lambda", p.lambda(), 0, 1);
    positive("ppo.epochs", p.epochs());
    positive("ppo.rolloutBatchSize", p.rolloutBatchSize());
    positive("ppo.maxNewTokens", p.maxNewTokens());
    positive("ppo.temperature", p.temperature());
    positiveIfSet("ppo.valueLearningRate", p.valueLearningRate());
    positiveIfSet("ppo.peerTimeoutSeconds", p.peerTimeoutSeconds());
    positiveIfSet("ppo.startupTimeoutSeconds", p.startupTimeoutSeconds());
  }

  private static void annotator(String key, AnnotatorBlock a) {
    within(key + ".noise", a.noise(), 0, HALF);
    if (a.type() == AnnotatorBlock.Type.RewardModel && a.rewardModel() == null) {
      throw new ContractException("missing key 'rewardModel' at " + key + ": required when type is RewardModel");
    }
  }

  private static void http(HttpPolicy policy) {
    if (policy == null) {
      return;
    }
    if (policy.maxBytes() <= 0) {
      throw invalid("httpPolicy.maxBytes", "must be > 0", policy.maxBytes());
    }
    try {
      policy.ranges();
    } catch (IllegalArgumentException e) {
      throw new ContractException("httpPolicy.allowedCidrs: " + e.getMessage(), e);
    }
  }

  private static void uri(String key, String value) {
    try {
      new URI(value);
    } catch (URISyntaxException e) {
      throw new ContractException(key + ": is not a URI: " + e.getMessage(), e);
    }
  }

  private static void nonBlank(String key, String value) {
    if (value == null || value.isBlank()) {
      throw new ContractException(key + ": must not be blank");
    }
  }

  private static void positiveIfSet(String key, Double value) {
    if (value != null) {
      positive(key, value);
    }
  }

  private static void positive(String key, double value) {
    if (!(value > 0)) {
      throw invalid(key, "must be > 0", value);
    }
  }

  private static void within(String key, double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      throw invalid(key, "must be in [" + min + ", " + max + "]", value);
    }
  }

  private static void positive(String key, int value) {
    if (value <= 0) {
      throw invalid(key, "must be > 0", value);
    }
  }

  private static ContractException invalid(String key, String rule, Object value) {
    return new ContractException(key + ": " + rule + ", got " + value);
  }
}
