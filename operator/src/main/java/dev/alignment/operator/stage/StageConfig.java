package dev.alignment.operator.stage;

import dev.alignment.api.v1alpha1.Architecture;
import dev.alignment.api.v1alpha1.ModelSpec;
import dev.alignment.contract.ContractVersion;
import dev.alignment.contract.Defaults;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds a stage's config document: the fields every stage shares, then the stage's own. */
final class StageConfig {
  private final Map<String, Object> values = new LinkedHashMap<>();

  private StageConfig() {}

  /** The common header: contract version, stage, owner, where to write, how often to checkpoint. */
  static StageConfig forStage(HasMetadata owner, String stage, Integer checkpointEvery) {
    StageConfig c = new StageConfig();
    String namespace = owner.getMetadata().getNamespace();
    c.values.put("contractVersion", ContractVersion.CURRENT);
    c.values.put("stage", stage);
    c.values.put("namespace", namespace);
    c.values.put("owner", owner.getMetadata().getName());
    c.values.put("ownerKind", owner.getKind());
    c.values.put("outputDir", Workspace.stageDir(namespace, owner.getMetadata().getName(), stage));
    c.values.put("checkpointEvery", StageDefaults.or(checkpointEvery, Defaults.CHECKPOINT_EVERY));
    c.values.put("metricsPort", Defaults.METRICS_PORT);
    return c;
  }

  StageConfig put(String key, Object value) {
    if (value != null) {
      values.put(key, value);
    }
    return this;
  }

  Map<String, Object> build() {
    return values;
  }

  /** A model reference as the trainer reads it: resolved URI, tokenizer and optional architecture. */
  static Map<String, Object> model(String namespace, ModelSpec spec) {
    ModelSpec m = spec == null ? new ModelSpec() : spec;
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("uri", Workspace.resolveModel(namespace, m.uri));
    model.put("tokenizer", StageDefaults.or(m.tokenizer, Workspace.DEFAULT_TOKENIZER));
    if (m.architecture != null) {
      model.put("architecture", architecture(m.architecture));
    }
    return model;
  }

  /** A model that is another stage's output, keeping the tokenizer and architecture of the spec. */
  static Map<String, Object> modelAt(String uri, String namespace, ModelSpec spec) {
    Map<String, Object> model = model(namespace, spec);
    model.put("uri", uri);
    return model;
  }

  private static Map<String, Object> architecture(Architecture a) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (a.preset != null) {
      out.put("preset", a.preset.name());
    }
    putIfSet(out, "layers", a.layers);
    putIfSet(out, "heads", a.heads);
    putIfSet(out, "hiddenSize", a.hiddenSize);
    putIfSet(out, "contextLength", a.contextLength);
    return out;
  }

  private static void putIfSet(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }
}
