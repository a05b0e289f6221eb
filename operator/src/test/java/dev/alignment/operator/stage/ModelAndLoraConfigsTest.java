package dev.alignment.operator.stage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.alignment.api.v1alpha1.Algorithm;
import dev.alignment.api.v1alpha1.AlignmentRun;
import dev.alignment.api.v1alpha1.PreferenceDataset;
import dev.alignment.api.v1alpha1.RewardModel;
import dev.alignment.contract.BestOfNConfig;
import dev.alignment.contract.CommandConfig;
import dev.alignment.contract.ContractJson;
import dev.alignment.contract.Defaults;
import dev.alignment.contract.DpoConfig;
import dev.alignment.contract.EvalConfig;
import dev.alignment.contract.LoraBlock;
import dev.alignment.contract.LoraOutput;
import dev.alignment.contract.ModelRef;
import dev.alignment.contract.Overlong;
import dev.alignment.contract.PpoActorConfig;
import dev.alignment.contract.RewardConfig;
import dev.alignment.contract.SftConfig;
import dev.alignment.contract.SynthesizeConfig;
import dev.alignment.operator.Fixtures;
import io.fabric8.kubernetes.client.CustomResource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A spec's model settings (chat template, maxLength, overlong) reach every model reference its stages read, and each
 * training block's LoRA reaches its stage with PEFT's defaults filled in; without them the configs are as before.
 */
class ModelAndLoraConfigsTest {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final String TEMPLATE = "{% for m in messages %}<|{{ m.role }}|>{{ m.content }}{% endfor %}";
  private static final String MODEL = """
      model:
        uri: file:///workspace/team-a/models/smollm
        tokenizer: file:///workspace/team-a/models/smollm/tokenizer.json
        chatTemplate: "%s"
        maxLength: 512
        overlong: reject
      """.formatted(TEMPLATE);

  private final Dependencies deps = new Dependencies(
      Map.of("prefs", Fixtures.readyDataset("prefs", "file:///workspace/team-a/prefs/validate/dataset")),
      Map.of("rm", Fixtures.readyRewardModel("rm", "file:///workspace/team-a/rm/reward/model")), Fixtures.URIS);

  @Test
  void theModelsSettingsReachTheSftDpoAndEvalModels() {
    List<StageSpec> stages = sftThenDpo(MODEL);

    SftConfig sft = config(stages.get(0), SftConfig.class);
    DpoConfig dpo = config(stages.get(1), DpoConfig.class);
    EvalConfig eval = config(stages.get(2), EvalConfig.class);
    assertThat(sft.model()).isEqualTo(smollm("file:///workspace/team-a/models/smollm"));
    assertThat(List.of(dpo.models().policy(), dpo.models().reference(), eval.models().reference()))
        .containsOnly(smollm("file:///workspace/team-a/run/sft/model"));
    assertThat(eval.models().policy()).isEqualTo(smollm("file:///workspace/team-a/run/dpo/model"));
  }

  @Test
  void theModelsSettingsReachPpoBestOfNTheRewardModelAndSynthesis() {
    String ppo = """
        algorithm: PPO
        rewardModel: rm
        """ + MODEL;
    PpoActorConfig actor = config(RunPipeline.stages(resource(AlignmentRun.class, "p", ppo), deps).get(0), PpoActorConfig.class);
    BestOfNConfig bestOfN = config(RunPipeline.stages(resource(AlignmentRun.class, "b", ppo.replace("PPO", "BestOfN")), deps)
        .get(0), BestOfNConfig.class);
    RewardConfig reward = config(RewardModelPipeline.stages(resource(RewardModel.class, "rm", "preferenceDataset: prefs\n" + MODEL),
        deps).get(0), RewardConfig.class);
    SynthesizeConfig synthesize = config(DatasetPipeline.stages(resource(PreferenceDataset.class, "s", """
        source:
          synthesize:
            prompts: {uri: builtin://sentiment/prompts}
            annotator: {type: Lexicon}
            pairs: 10
        """ + MODEL.replace("model:", "policy:").indent(4)), deps).get(0), SynthesizeConfig.class);

    ModelRef start = smollm("file:///workspace/team-a/models/smollm");
    assertThat(List.of(actor.inputs().models().policy(), actor.inputs().models().reference(), bestOfN.inputs().models().policy(),
        bestOfN.inputs().models().reference(), reward.model(), synthesize.policy())).containsOnly(start);
  }

  @Test
  void withoutTheNewFieldsEveryModelTruncatesAndNoStageUsesLora() {
    List<StageSpec> stages = sftThenDpo("");

    SftConfig sft = config(stages.get(0), SftConfig.class);
    assertThat(sft.model()).isEqualTo(new ModelRef(Defaults.MODEL, Defaults.TOKENIZER, null, null, null, Defaults.OVERLONG));
    assertThat(sft.training().lora()).isNull();
    assertThat(config(stages.get(1), DpoConfig.class).training().lora()).isNull();
    assertThat(stages).allSatisfy(s -> assertThat(s.configJson()).doesNotContain("lora", "chatTemplate", "maxLength")
        .contains("\"overlong\" : \"truncate\""));
  }

  @Test
  void eachTrainingBlocksLoraReachesItsStageWithPeftsDefaultsFilledIn() {
    AlignmentRun run = resource(AlignmentRun.class, "lora", """
        algorithm: DPO
        preferenceDataset: prefs
        sft:
          dataset: {uri: builtin://sentiment/sft}
          lora: {rank: 16}
        training:
          lora: {rank: 4, alpha: 32, dropout: 0.05, targetModules: [q_proj, v_proj], output: adapter}
        """);
    RewardModel rm = resource(RewardModel.class, "rm", """
        preferenceDataset: prefs
        training: {steps: 5, lora: {targetModules: [c_attn]}}
        """);

    List<StageSpec> stages = RunPipeline.stages(run, deps);

    assertThat(config(stages.get(0), SftConfig.class).training().lora())
        .isEqualTo(new LoraBlock(16, Defaults.LORA_ALPHA, Defaults.LORA_DROPOUT, null, Defaults.LORA_OUTPUT));
    assertThat(config(stages.get(1), DpoConfig.class).training().lora())
        .isEqualTo(new LoraBlock(4, 32, 0.05, List.of("q_proj", "v_proj"), LoraOutput.adapter));
    assertThat(config(RewardModelPipeline.stages(rm, deps).get(0), RewardConfig.class).training().lora())
        .isEqualTo(new LoraBlock(8, 8, 0, List.of("c_attn"), LoraOutput.merged));
    run.getSpec().algorithm = Algorithm.PPO;
    run.getSpec().rewardModel = "rm";
    assertThat(config(RunPipeline.stages(run, deps).get(1), PpoActorConfig.class).training().lora())
        .isEqualTo(new LoraBlock(4, 32, 0.05, List.of("q_proj", "v_proj"), LoraOutput.adapter));
  }

  /** The stages of run {@code run}: SFT on built-in demonstrations, then DPO on prefs, with {@code moreSpec} added. */
  private List<StageSpec> sftThenDpo(String moreSpec) {
    return RunPipeline.stages(resource(AlignmentRun.class, "run", """
        algorithm: DPO
        preferenceDataset: prefs
        sft: {dataset: {uri: builtin://sentiment/sft}}
        """ + moreSpec), deps);
  }

  private static ModelRef smollm(String uri) {
    return new ModelRef(uri, "file:///workspace/team-a/models/smollm/tokenizer.json", null, TEMPLATE, 512, Overlong.reject);
  }

  /** A resource in namespace team-a whose spec is {@code specYaml}, read as the API server's JSON would be. */
  private static <T extends CustomResource<?, ?>> T resource(Class<T> type, String name, String specYaml) {
    String yaml = "metadata: {name: " + name + ", namespace: team-a}\nspec:\n" + specYaml.indent(2);
    try {
      return YAML.readValue(yaml, type);
    } catch (JsonProcessingException e) {
      throw new AssertionError("not a " + type.getSimpleName() + ":\n" + yaml, e);
    }
  }

  /** The stage's config as the trainer reads it: written by the operator, read back by the contract's strict reader. */
  private static <T extends CommandConfig> T config(StageSpec stage, Class<T> type) {
    T read = ContractJson.read(stage.configJson(), type);
    assertThat(read).isEqualTo(stage.config());
    return read;
  }
}
