package dev.alignment.operator.stage;

import dev.alignment.api.v1alpha1.Annotator;
import dev.alignment.api.v1alpha1.DatasetSource;
import dev.alignment.api.v1alpha1.FieldMapping;
import dev.alignment.api.v1alpha1.PreferenceDataset;
import dev.alignment.api.v1alpha1.PreferenceDatasetSpec;
import dev.alignment.api.v1alpha1.Synthesize;
import dev.alignment.contract.AnnotatorBlock;
import dev.alignment.contract.DatasetFields;
import dev.alignment.contract.Defaults;
import dev.alignment.contract.SynthesizeConfig;
import dev.alignment.contract.TrainerCommand;
import dev.alignment.contract.ValidateDatasetConfig;
import dev.alignment.operator.uri.SpecUris;
import java.util.ArrayList;
import java.util.List;

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
    SpecUris.check(source, namespace, deps.uris());
    List<StageSpec> stages = new ArrayList<>();
    String input = source.uri;
    String inputConfigMap = null;
    if (source.synthesize != null) {
      Synthesize s = source.synthesize;
      String pairs = "file://" + Workspace.stageDir(namespace, name, SYNTHESIZE) + "/pairs.jsonl";
      stages.add(new StageSpec(SYNTHESIZE, TrainerCommand.SYNTHESIZE,
          new SynthesizeConfig(ConfigParts.header(pds, SYNTHESIZE, null, deps.uris()),
              ConfigParts.model("spec.source.synthesize.policy", namespace, s.policy),
              s.prompts.uri, annotator(s.annotator, deps), s.pairs, StageDefaults.or(s.seed, Defaults.SEED), pairs),
          spec.resources, null));
      input = pairs;
    } else if (source.configMap != null) {
      inputConfigMap = source.configMap.name;
      input = "file://" + StageSpec.INPUT_DIR + "/" + source.configMap.key;
    }
    stages.add(new StageSpec(VALIDATE, TrainerCommand.VALIDATE_DATASET,
        new ValidateDatasetConfig(ConfigParts.header(pds, VALIDATE, null, deps.uris()), input,
            fields(spec.format == null ? null : spec.format.fields),
            StageDefaults.or(spec.validationFraction, Defaults.VALIDATION_FRACTION), Defaults.SEED),
        spec.resources, inputConfigMap));
    return stages;
  }

  /** The reward models a dataset's annotator needs. */
  public static List<String> rewardModels(PreferenceDataset pds) {
    Synthesize s = pds.getSpec().source.synthesize;
    return s != null && s.annotator != null && s.annotator.rewardModel != null ? List.of(s.annotator.rewardModel) : List.of();
  }

  static AnnotatorBlock annotator(Annotator a, Dependencies deps) {
    Annotator given = a == null ? new Annotator() : a;
    return new AnnotatorBlock(
        given.type == Annotator.AnnotatorType.RewardModel ? AnnotatorBlock.Type.RewardModel : AnnotatorBlock.Type.Lexicon,
        StageDefaults.or(given.noise, Defaults.ANNOTATOR_NOISE),
        given.rewardModel == null ? null : deps.rewardModelCheckpoint(given.rewardModel).orElse(null));
  }

  private static DatasetFields fields(FieldMapping f) {
    FieldMapping m = f == null ? new FieldMapping() : f;
    return new DatasetFields(StageDefaults.or(m.prompt, Defaults.PROMPT_FIELD), StageDefaults.or(m.chosen, Defaults.CHOSEN_FIELD),
        StageDefaults.or(m.rejected, Defaults.REJECTED_FIELD));
  }
}
