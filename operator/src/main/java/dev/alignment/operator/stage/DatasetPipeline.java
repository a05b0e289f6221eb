package dev.alignment.operator.stage;

import dev.alignment.api.v1alpha1.Annotator;
import dev.alignment.api.v1alpha1.DatasetSource;
import dev.alignment.api.v1alpha1.FieldMapping;
import dev.alignment.api.v1alpha1.PreferenceDataset;
import dev.alignment.api.v1alpha1.PreferenceDatasetSpec;
import dev.alignment.api.v1alpha1.Synthesize;
import dev.alignment.contract.Defaults;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A PreferenceDataset's stages: {@code synthesize} (simulated annotation, when asked for), then {@code validate}. */
public final class DatasetPipeline {
  public static final String SYNTHESIZE = "synthesize";
  public static final String VALIDATE = "validate";

  private DatasetPipeline() {}

  public static List<StageSpec> stages(PreferenceDataset pds, Dependencies deps) {
    PreferenceDatasetSpec spec = pds.getSpec();
    String namespace = pds.getMetadata().getNamespace();
    String name = pds.getMetadata().getName();
    DatasetSource source = spec.source;
    List<StageSpec> stages = new ArrayList<>();
    String input = source.uri;
    String inputConfigMap = null;
    if (source.synthesize != null) {
      Synthesize s = source.synthesize;
      String pairs = "file://" + Workspace.stageDir(namespace, name, SYNTHESIZE) + "/pairs.jsonl";
      stages.add(new StageSpec(SYNTHESIZE, "synthesize",
          StageConfig.forStage(pds, SYNTHESIZE, null)
              .put("policy", StageConfig.model(namespace, s.policy))
              .put("prompts", s.prompts.uri)
              .put("annotator", annotator(s.annotator, deps))
              .put("pairs", s.pairs)
              .put("seed", StageDefaults.or(s.seed, 0L))
              .put("output", pairs)
              .build(),
          spec.resources, null));
      input = pairs;
    } else if (source.configMap != null) {
      inputConfigMap = source.configMap.name;
      input = "file://" + StageSpec.INPUT_DIR + "/" + source.configMap.key;
    }
    stages.add(new StageSpec(VALIDATE, "validate-dataset",
        StageConfig.forStage(pds, VALIDATE, null)
            .put("source", input)
            .put("fields", fields(spec.format == null ? null : spec.format.fields))
            .put("validationFraction", StageDefaults.or(spec.validationFraction, Defaults.VALIDATION_FRACTION))
            .build(),
        spec.resources, inputConfigMap));
    return stages;
  }

  /** The reward models a dataset's annotator needs. */
  public static List<String> rewardModels(PreferenceDataset pds) {
    Synthesize s = pds.getSpec().source.synthesize;
    return s != null && s.annotator != null && s.annotator.rewardModel != null ? List.of(s.annotator.rewardModel) : List.of();
  }

  static Map<String, Object> annotator(Annotator a, Dependencies deps) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("type", a == null || a.type == null ? "Lexicon" : a.type.name());
    out.put("noise", a == null || a.noise == null ? 0.0 : a.noise);
    if (a != null && a.rewardModel != null) {
      out.put("rewardModel", deps.rewardModelCheckpoint(a.rewardModel).orElse(null));
    }
    return out;
  }

  private static Map<String, Object> fields(FieldMapping f) {
    FieldMapping m = f == null ? new FieldMapping() : f;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("prompt", StageDefaults.or(m.prompt, "prompt"));
    out.put("chosen", StageDefaults.or(m.chosen, "chosen"));
    out.put("rejected", StageDefaults.or(m.rejected, "rejected"));
    return out;
  }
}
