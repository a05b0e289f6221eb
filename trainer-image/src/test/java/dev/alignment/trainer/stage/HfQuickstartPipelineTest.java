package dev.alignment.trainer.stage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alignment.trainer.SentimentPipeline;
import dev.alignment.trainer.TrainerRun;
import dev.alignment.trainer.data.Uris;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quickstart (examples/quickstart) on the Hugging Face preset {@code builtin://gpt2-tiny}: SFT, a reward model
 * trained from the preset, DPO and evaluation reach the quickstart's targets, and every stage's model is a Hugging Face directory (a
 * GPT-2 causal LM, the reward model a one-label GPT-2 sequence classifier).
 */
class HfQuickstartPipelineTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, Object> PRESET = Map.of("uri", "builtin://gpt2-tiny", "tokenizer", "builtin://words");

  @TempDir Path work;

  @Test
  void dpoOnTheGpt2PresetBeatsItsSftReferenceAndEveryModelIsAHuggingFaceDirectory() throws Exception {
    String dataset = SentimentPipeline.trained().dataset();
    TrainerRun sft = TrainerRun.stage(work, "sft", Map.of(
        "model", PRESET, "dataset", "builtin://sentiment/sft", "datasetKind", "demonstrations",
        "training", Map.of("steps", 300, "batchSize", 32, "learningRate", 1e-3, "seed", 0)));
    assertThat(sft.exitCode()).as(sft.toString()).isZero();
    Map<String, Object> sftModel = Map.of("uri", sft.output());

    TrainerRun reward = TrainerRun.stage(work, "reward", Map.of(
        "model", PRESET, "dataset", dataset,
        "training", Map.of("steps", 300, "batchSize", 32, "learningRate", 1e-3, "seed", 0)));
    assertThat(reward.exitCode()).as(reward.toString()).isZero();

    TrainerRun dpo = TrainerRun.stage(work, "dpo", Map.of(
        "policy", sftModel, "reference", sftModel, "dataset", dataset, "loss", "DPO", "beta", 0.1, "labelSmoothing", 0.0,
        "training", Map.of("steps", 200, "batchSize", 32, "learningRate", 5e-4, "seed", 0)));
    assertThat(dpo.exitCode()).as(dpo.toString()).isZero();

    TrainerRun eval = TrainerRun.stage(work, "eval", Map.of(
        "policy", Map.of("uri", dpo.output()), "reference", sftModel,
        "prompts", "builtin://sentiment/prompts", "samples", 256,
        "annotator", Map.of("type", "Lexicon", "noise", 0.0), "beta", 0.1, "seed", 0,
        "preferenceDataset", dataset, "preferenceLabelNoise", 0.0));
    assertThat(eval.exitCode()).as(eval.toString()).isZero();
    System.out.println(sft.stdout() + reward.stdout() + dpo.stdout() + eval.stdout() + eval.summary());

    assertThat(reward.metric("accuracy")).isGreaterThanOrEqualTo(0.85);
    assertThat(eval.metric("winRate")).isGreaterThanOrEqualTo(0.65);
    assertThat(eval.metric("goldReward")).isGreaterThan(eval.metric("referenceGoldReward"));
    assertHuggingFaceDirectory(Uris.path(sft.output(), "model"), "GPT2LMHeadModel");
    assertHuggingFaceDirectory(Uris.path(dpo.output(), "model"), "GPT2LMHeadModel");
    assertHuggingFaceDirectory(Uris.path(reward.output(), "model"), "GPT2ForSequenceClassification");
  }

  private static void assertHuggingFaceDirectory(Path dir, String architecture) throws Exception {
    JsonNode config = JSON.readTree(dir.resolve("config.json").toFile());
    assertThat(config.path("model_type").asText()).isEqualTo("gpt2");
    assertThat(config.path("architectures").get(0).asText()).isEqualTo(architecture);
    assertThat(dir.resolve("model.safetensors")).isRegularFile();
    for (String file : new String[] {"tokenizer.json", "tokenizer_config.json", "generation_config.json"}) {
      assertThat(dir.resolve(file)).isRegularFile();
    }
    assertThat(Files.list(dir).map(p -> p.getFileName().toString())).doesNotContain("model.json", "body.params");
  }
}
