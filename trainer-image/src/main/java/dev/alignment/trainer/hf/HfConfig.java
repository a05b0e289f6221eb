package dev.alignment.trainer.hf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alignment.trainer.BadInputException;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;

/** A Hugging Face {@code config.json}, read into the typed record of its architecture family. */
public sealed interface HfConfig permits Gpt2Config, LlamaConfig {
  String FILE = "config.json";

  /** Supported {@code architectures} entries: family and head. */
  Map<String, HfTask> GPT2_ARCHITECTURES = Map.of(
      "GPT2LMHeadModel", HfTask.CAUSAL_LM, "GPT2ForSequenceClassification", HfTask.SEQUENCE_CLASSIFICATION);
  Map<String, HfTask> LLAMA_ARCHITECTURES = Map.of(
      "LlamaForCausalLM", HfTask.CAUSAL_LM, "LlamaForSequenceClassification", HfTask.SEQUENCE_CLASSIFICATION);
  Map<String, HfTask> QWEN2_ARCHITECTURES = Map.of(
      "Qwen2ForCausalLM", HfTask.CAUSAL_LM, "Qwen2ForSequenceClassification", HfTask.SEQUENCE_CLASSIFICATION);

  /** The class name transformers would build, e.g. {@code LlamaForCausalLM}. */
  String architecture();

  HfTask task();

  int vocabSize();

  int hiddenSize();

  int maxPositions();

  boolean tieWordEmbeddings();

  /** Scores per sequence ({@code len(id2label)}); only meaningful for sequence classification. */
  int numLabels();

  /** The pad id transformers uses to find a sequence's last token for its score, when the config names one. */
  OptionalInt padTokenId();

  static HfConfig read(Path directory) {
    ConfigJson json = ConfigJson.read(directory.resolve(FILE));
    String modelType = json.requireString("model_type");
    String architecture = architecture(json, modelType);
    return switch (modelType) {
      case "gpt2" -> Gpt2Config.from(json, architecture, task(json, architecture, GPT2_ARCHITECTURES));
      case "llama" -> LlamaConfig.from(json, architecture, task(json, architecture, LLAMA_ARCHITECTURES), false);
      case "qwen2" -> LlamaConfig.from(json, architecture, task(json, architecture, QWEN2_ARCHITECTURES), true);
      default -> throw json.problem("model_type", "unsupported model type \"" + modelType + "\" (architectures "
          + json.root().get("architectures") + "); supported: gpt2, llama, qwen2");
    };
  }

  private static String architecture(ConfigJson json, String modelType) {
    if (!json.has("architectures")) {
      return switch (modelType) {
        case "gpt2" -> "GPT2LMHeadModel";
        case "llama" -> "LlamaForCausalLM";
        case "qwen2" -> "Qwen2ForCausalLM";
        default -> modelType;
      };
    }
    JsonNode list = json.root().get("architectures");
    if (!list.isArray() || list.size() != 1 || !list.get(0).isTextual()) {
      throw json.problem("architectures", "expected a list of one class name, found " + list);
    }
    return list.get(0).asText();
  }

  private static HfTask task(ConfigJson json, String architecture, Map<String, HfTask> known) {
    HfTask task = known.get(architecture);
    if (task == null) {
      throw json.problem("architectures", "unsupported architecture \"" + architecture + "\" for model_type \""
          + json.root().get("model_type").asText() + "\"; supported: " + known.keySet().stream().sorted().toList());
    }
    return task;
  }

  /** {@code len(id2label)} as transformers derives {@code num_labels}; 2 when absent, as its default. */
  static int numLabels(ConfigJson json) {
    if (!json.has("id2label")) {
      return 2;
    }
    JsonNode labels = json.root().get("id2label");
    if (!labels.isObject() || labels.isEmpty()) {
      throw json.problem("id2label", "expected a non-empty object, found " + labels);
    }
    return labels.size();
  }

  static OptionalInt padTokenId(ConfigJson json) {
    return json.has("pad_token_id") ? OptionalInt.of(json.requireInt("pad_token_id")) : OptionalInt.empty();
  }

  /** Refuses a config that needs something this implementation does not compute, naming the key. */
  static void refuseUnless(ConfigJson json, boolean supported, String key, String why) {
    if (!supported) {
      throw new BadInputException(json.file() + ": key \"" + key + "\": " + why);
    }
  }
}
