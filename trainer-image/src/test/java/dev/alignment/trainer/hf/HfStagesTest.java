package dev.alignment.trainer.hf;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alignment.contract.SummaryMetrics;
import dev.alignment.trainer.TrainerRun;
import dev.alignment.trainer.data.Uris;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stages on the Hugging Face fixtures with conversational data: SFT, a reward model started from the SFT policy
 * and DPO read and write Hugging Face directories, render rows with the tokenizer's chat template, and apply the
 * model's maxLength as {@code overlong} says.
 */
class HfStagesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, Object> TRAINING = Map.of("steps", 3, "batchSize", 2, "learningRate", 1e-3, "seed", 0);

  @TempDir Path work;

  @ParameterizedTest
  @ValueSource(strings = {"llama", "qwen2"})
  void sftRewardAndDpoOnAFixtureWriteHuggingFaceDirectories(String fixture) throws Exception {
    Map<String, Object> base = Map.of("uri", Uris.of(HfFixtures.dir(fixture)));
    TrainerRun validate = TrainerRun.stage(work, "validate-dataset", Map.of(
        "source", resource("/datasets/conversational-preferences.jsonl"),
        "fields", Map.of("prompt", "prompt", "chosen", "chosen", "rejected", "rejected"), "validationFraction", 0.0));
    assertThat(validate.exitCode()).as(validate.toString()).isZero();

    TrainerRun sft = TrainerRun.stage(work, "sft", Map.of("model", base,
        "dataset", resource("/datasets/conversational-sft.jsonl"), "datasetKind", "demonstrations", "training", TRAINING));
    assertThat(sft.exitCode()).as(sft.toString()).isZero();
    assertThat(sft.metric(SummaryMetrics.OVERLONG_ROWS)).isZero();
    Map<String, Object> policy = Map.of("uri", sft.output());

    TrainerRun reward = TrainerRun.stage(work, "reward", Map.of("model", policy, "dataset", validate.output(),
        "training", TRAINING));
    assertThat(reward.exitCode()).as(reward.toString()).isZero();

    TrainerRun dpo = TrainerRun.stage(work, "dpo", Map.of("policy", policy, "reference", policy,
        "dataset", validate.output(), "loss", "DPO", "beta", 0.1, "labelSmoothing", 0.0, "training", TRAINING));
    assertThat(dpo.exitCode()).as(dpo.toString()).isZero();

    JsonNode source = JSON.readTree(HfFixtures.dir(fixture).resolve("config.json").toFile());
    String family = source.path("architectures").get(0).asText().replace("ForCausalLM", "");
    Path policyDir = Uris.path(dpo.output(), "model");
    Path rewardDir = Uris.path(reward.output(), "model");
    assertThat(JSON.readTree(policyDir.resolve("config.json").toFile()).path("architectures").get(0).asText())
        .isEqualTo(family + "ForCausalLM");
    JsonNode rewardConfig = JSON.readTree(rewardDir.resolve("config.json").toFile());
    assertThat(rewardConfig.path("architectures").get(0).asText()).isEqualTo(family + "ForSequenceClassification");
    assertThat(rewardConfig.path("id2label").size()).isEqualTo(1);
    assertThat(rewardConfig.path("pad_token_id").isInt()).isTrue();
    for (String file : HfFiles.COMPANIONS) {
      if (Files.exists(HfFixtures.dir(fixture).resolve(file))) {
        assertThat(policyDir.resolve(file)).hasSameBinaryContentAs(HfFixtures.dir(fixture).resolve(file));
      }
    }
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray ids = manager.create(new long[] {5, 6, 7, 8}, new Shape(1, 4));
      NDArray before = HfModel.load(HfFixtures.dir(fixture), manager).forward(ids, ids.onesLike());
      NDArray after = HfModel.load(policyDir, manager).forward(ids, ids.onesLike());
      assertThat(HfFixtures.maxAbsDiff(before, after, ids.onesLike())).as("three steps of SFT and DPO moved the weights").isPositive();
      assertThat(HfModel.load(rewardDir, manager).forward(ids, ids.onesLike()).getShape()).isEqualTo(new Shape(1, 4, 1));
    }
  }

  @Test
  void rowsLongerThanMaxLengthAreCountedAndTruncatedOrRefusedNamingTheRow() throws Exception {
    Map<String, Object> model = new LinkedHashMap<>(Map.of("uri", Uris.of(HfFixtures.dir("llama")), "maxLength", 16));
    String dataset = resource("/datasets/conversational-sft.jsonl");
    TrainerRun truncated = TrainerRun.stage(work, "sft", Map.of("model", model, "dataset", dataset,
        "datasetKind", "demonstrations", "training", TRAINING));
    assertThat(truncated.exitCode()).as(truncated.toString()).isZero();
    assertThat(truncated.metric(SummaryMetrics.OVERLONG_ROWS)).isEqualTo(2);
    assertThat(truncated.stdout()).contains("2 of 2 rows are longer than maxLength 16 tokens; they are truncated");

    model.put("overlong", "reject");
    TrainerRun refused = TrainerRun.stage(work.resolve("refused"), "sft", Map.of("model", model, "dataset", dataset,
        "datasetKind", "demonstrations", "training", TRAINING));
    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.stderr()).contains(dataset + ": row 1: prompt and completion are", "more than maxLength 16");
  }

  @Test
  void conversationalRowsNeedAChatTemplateAndTheOverrideSuppliesOne() throws Exception {
    Map<String, Object> gpt2 = new LinkedHashMap<>(Map.of("uri", Uris.of(HfFixtures.dir("gpt2"))));
    String dataset = resource("/datasets/conversational-sft.jsonl");
    TrainerRun refused = TrainerRun.stage(work, "sft", Map.of("model", gpt2, "dataset", dataset,
        "datasetKind", "demonstrations", "training", TRAINING));
    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.stderr()).contains("conversational rows need a chat template", "spec.model.chatTemplate");

    gpt2.put("chatTemplate", "{% for m in messages %}{{ m.role }}: {{ m.content }}\n{% endfor %}"
        + "{% if add_generation_prompt %}assistant:{% endif %}");
    TrainerRun trained = TrainerRun.stage(work.resolve("templated"), "sft", Map.of("model", gpt2, "dataset", dataset,
        "datasetKind", "demonstrations", "training", TRAINING));
    assertThat(trained.exitCode()).as(trained.toString()).isZero();
    JsonNode saved = JSON.readTree(Uris.path(trained.output(), "model").resolve("tokenizer_config.json").toFile());
    assertThat(saved.path("chat_template").asText()).as("the override is saved with the model")
        .isEqualTo(gpt2.get("chatTemplate"));
  }

  @Test
  void loraTrainsOnlyTheAdaptersAndSavesAPeftDirectoryThatTheNextStageLoads() throws Exception {
    Path fixture = HfFixtures.dir("llama");
    Map<String, Object> lora = Map.of("rank", 4, "alpha", 8, "dropout", 0.0, "output", "adapter");
    Map<String, Object> training = new LinkedHashMap<>(TRAINING);
    training.put("lora", lora);
    TrainerRun sft = TrainerRun.stage(work, "sft", Map.of("model", Map.of("uri", Uris.of(fixture)),
        "dataset", resource("/datasets/conversational-sft.jsonl"), "datasetKind", "demonstrations", "training", training));
    assertThat(sft.exitCode()).as(sft.toString()).isZero();
    Path adapter = Uris.path(sft.output(), "model");
    JsonNode adapterConfig = JSON.readTree(adapter.resolve("adapter_config.json").toFile());
    assertThat(adapterConfig.path("base_model_name_or_path").asText()).isEqualTo(fixture.toAbsolutePath().toString());
    assertThat(adapterConfig.path("target_modules")).extracting(JsonNode::asText).containsExactly("q_proj", "v_proj");

    TrainerRun validate = TrainerRun.stage(work, "validate-dataset", Map.of(
        "source", resource("/datasets/conversational-preferences.jsonl"),
        "fields", Map.of("prompt", "prompt", "chosen", "chosen", "rejected", "rejected"), "validationFraction", 0.0));
    Map<String, Object> merged = new LinkedHashMap<>(TRAINING);
    merged.put("lora", Map.of("rank", 4, "alpha", 8, "dropout", 0.0, "output", "merged"));
    Map<String, Object> policy = Map.of("uri", sft.output());
    TrainerRun dpo = TrainerRun.stage(work, "dpo", Map.of("policy", policy, "reference", policy,
        "dataset", validate.output(), "loss", "DPO", "beta", 0.1, "labelSmoothing", 0.0, "training", merged));
    assertThat(dpo.exitCode()).as(dpo.toString()).isZero();

    try (NDManager manager = NDManager.newBaseManager()) {
      HfModel base = HfModel.load(fixture, manager);
      HfModel sftModel = HfModel.load(fixture, manager);
      PeftAdapterDirectory.load(sftModel, adapter, manager);
      sftModel.mergeLora();
      HfModel dpoModel = HfModel.load(Uris.path(dpo.output(), "model"), manager);
      for (String name : base.parametersByName().keySet()) {
        float[] before = sftModel.parametersByName().get(name).getArray().toFloatArray();
        float[] after = dpoModel.parametersByName().get(name).getArray().toFloatArray();
        boolean adapted = name.endsWith("q_proj.weight") || name.endsWith("v_proj.weight");
        if (adapted) {
          assertThat(after).as(name + " moved by the merged DPO adapters").isNotEqualTo(before);
        } else {
          assertThat(after).as(name + " frozen").isEqualTo(before);
        }
      }
      assertThat(sftModel.parametersByName().get("model.layers.0.self_attn.q_proj.weight").getArray().toFloatArray())
          .as("the SFT adapter changed the base").isNotEqualTo(
              base.parametersByName().get("model.layers.0.self_attn.q_proj.weight").getArray().toFloatArray());
    }
  }

  @Test
  void loraIsRefusedWhereItCannotApply() throws Exception {
    Map<String, Object> training = new LinkedHashMap<>(TRAINING);
    training.put("lora", Map.of("rank", 4, "alpha", 8, "dropout", 0.0, "output", "merged"));
    TrainerRun builtin = TrainerRun.stage(work, "sft", Map.of("model", Map.of("uri", "builtin://tiny"),
        "dataset", "builtin://sentiment/sft", "datasetKind", "demonstrations", "training", training));
    assertThat(builtin.exitCode()).isEqualTo(2);
    assertThat(builtin.stderr()).contains("training.lora: LoRA needs a Hugging Face model", "builtin://tiny");

    training.put("lora", Map.of("rank", 4, "alpha", 8, "dropout", 0.0, "output", "merged",
        "targetModules", java.util.List.of("c_attn")));
    TrainerRun wrongModule = TrainerRun.stage(work.resolve("module"), "sft", Map.of(
        "model", Map.of("uri", Uris.of(HfFixtures.dir("llama"))),
        "dataset", resource("/datasets/conversational-sft.jsonl"), "datasetKind", "demonstrations", "training", training));
    assertThat(wrongModule.exitCode()).isEqualTo(2);
    assertThat(wrongModule.stderr()).contains("training.lora.targetModules", "c_attn");

    training.put("lora", Map.of("rank", 4, "alpha", 8, "dropout", 0.0, "output", "adapter"));
    TrainerRun preset = TrainerRun.stage(work.resolve("preset"), "sft", Map.of(
        "model", Map.of("uri", "builtin://gpt2-tiny", "tokenizer", "builtin://words"),
        "dataset", "builtin://sentiment/sft", "datasetKind", "demonstrations", "training", training));
    assertThat(preset.exitCode()).isEqualTo(2);
    assertThat(preset.stderr()).contains("training.lora.output: adapter needs a causal language model", "output: merged");
  }

  @Test
  void ppoTrainsALoraPolicyOnAFixtureAgainstAFixtureRewardModel() throws Exception {
    Map<String, Object> policy = Map.of("uri", Uris.of(HfFixtures.dir("llama")));
    Map<String, Object> training = new LinkedHashMap<>(TRAINING);
    training.put("steps", 2);
    training.put("lora", Map.of("rank", 4, "alpha", 8, "dropout", 0.0, "output", "merged"));
    TrainerRun ppo = TrainerRun.stage(work, "ppo-actor", Map.of("policy", policy, "reference", policy,
        "rewardModel", Uris.of(HfFixtures.dir("llama-reward")), "prompts", resource("/datasets/conversational-prompts.jsonl"),
        "training", training, "ppo", Map.of("topology", "Colocated", "rolloutBatchSize", 4, "maxNewTokens", 6, "epochs", 1)));
    assertThat(ppo.exitCode()).as(ppo.toString()).isZero();
    assertThat(ppo.metric("objective/kl")).isFinite();
    assertThat(JSON.readTree(Uris.path(ppo.output(), "model").resolve("config.json").toFile())
        .path("architectures").get(0).asText()).isEqualTo("LlamaForCausalLM");
  }

  private static String resource(String name) throws URISyntaxException {
    return Uris.of(Path.of(HfStagesTest.class.getResource(name).toURI()));
  }
}
