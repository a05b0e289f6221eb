package dev.alignment.operator.stage;

import dev.alignment.api.v1alpha1.Architecture;
import dev.alignment.api.v1alpha1.LoraSpec;
import dev.alignment.api.v1alpha1.ModelSpec;
import dev.alignment.api.v1alpha1.OptimizerSpec;
import dev.alignment.contract.ArchitectureRef;
import dev.alignment.contract.ContractVersion;
import dev.alignment.contract.Defaults;
import dev.alignment.contract.LoraBlock;
import dev.alignment.contract.LoraOutput;
import dev.alignment.contract.ModelRef;
import dev.alignment.contract.Overlong;
import dev.alignment.contract.PolicyPair;
import dev.alignment.contract.StageHeader;
import dev.alignment.contract.TrainingBlock;
import dev.alignment.operator.uri.UriPolicy;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/** The parts several stage configs share, built from a resource's spec with the contract's defaults filled in. */
final class ConfigParts {
  private ConfigParts() {}

  /**
   * The keys every config starts with: contract version, stage, owner, where to write, how often to checkpoint, and
   * what the trainer may reach (the namespace's workspace root, the operator's http policy).
   */
  static StageHeader header(HasMetadata owner, String stage, Integer checkpointEvery, UriPolicy uris) {
    String namespace = owner.getMetadata().getNamespace();
    String name = owner.getMetadata().getName();
    return new StageHeader(ContractVersion.CURRENT, stage, namespace, name, owner.getKind(),
        Workspace.stageDir(namespace, name, stage), StageDefaults.or(checkpointEvery, Defaults.CHECKPOINT_EVERY),
        Defaults.METRICS_PORT, Workspace.namespaceRoot(namespace), uris.http(), uris.s3Endpoint(), null);
  }

  /**
   * A model reference as the trainer reads it: resolved URI, tokenizer, optional architecture and chat template, lengths.
   *
   * @param field the spec field of the model, for messages
   */
  static ModelRef model(String field, String namespace, ModelSpec spec) {
    ModelSpec m = spec == null ? new ModelSpec() : spec;
    return modelAt(Workspace.resolveModel(field + ".uri", namespace, m.uri), m);
  }

  /** A model that is another stage's output, keeping the spec's tokenizer, architecture, chat template and lengths. */
  static ModelRef modelAt(String uri, ModelSpec spec) {
    ModelSpec m = spec == null ? new ModelSpec() : spec;
    return new ModelRef(uri, StageDefaults.or(m.tokenizer, Defaults.TOKENIZER), architecture(m.architecture),
        m.chatTemplate, m.maxLength, m.overlong == null ? Defaults.OVERLONG : Overlong.valueOf(m.overlong.name()));
  }

  /** A policy held to itself as the reference: where training starts, or best-of-n's untrained policy. */
  static PolicyPair fromReference(ModelRef reference) {
    return new PolicyPair(reference, reference);
  }

  /** The optimisation block: the spec's values where set, else the stage's defaults. */
  static TrainingBlock training(OptimizerSpec o, Long seed, TrainingBlock defaults) {
    return new TrainingBlock(StageDefaults.or(o.steps, defaults.steps()), StageDefaults.or(o.batchSize, defaults.batchSize()),
        StageDefaults.or(o.learningRate, defaults.learningRate()), StageDefaults.or(o.maxGradNorm, defaults.maxGradNorm()),
        StageDefaults.or(seed, defaults.seed()), lora(o.lora));
  }

  /** The contract's defaults of a training stage; clipping and seed are the same for every stage, LoRA is off. */
  static TrainingBlock defaults(int steps, int batchSize, double learningRate) {
    return new TrainingBlock(steps, batchSize, learningRate, Defaults.MAX_GRAD_NORM, Defaults.SEED, null);
  }

  /** LoRA with PEFT's defaults where the spec leaves a value out; none (full fine-tuning) without a spec. */
  private static LoraBlock lora(LoraSpec l) {
    if (l == null) {
      return null;
    }
    return new LoraBlock(StageDefaults.or(l.rank, Defaults.LORA_RANK), StageDefaults.or(l.alpha, Defaults.LORA_ALPHA),
        StageDefaults.or(l.dropout, Defaults.LORA_DROPOUT), l.targetModules == null ? null : List.copyOf(l.targetModules),
        l.output == null ? Defaults.LORA_OUTPUT : LoraOutput.valueOf(l.output.name()));
  }

  private static ArchitectureRef architecture(Architecture a) {
    if (a == null) {
      return null;
    }
    return new ArchitectureRef(a.preset == null ? null : ArchitectureRef.Preset.valueOf(a.preset.name()),
        a.layers, a.heads, a.hiddenSize, a.contextLength);
  }
}
