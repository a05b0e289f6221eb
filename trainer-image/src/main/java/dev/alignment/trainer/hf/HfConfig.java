package dev.alignment.trainer.hf;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.OptionalInt;

/** A Hugging Face {@code config.json}, read into the typed record of its architecture family. */
public sealed interface HfConfig permits Gpt2Config, LlamaConfig {
  String FILE = "config.json";

  /** The class name transformers would build, e.g. {@code LlamaForCausalLM}. */
  String architecture();

  HfTask task();

  int vocabSize();

  int hiddenSize();

  int maxPositions();

  /** Decoder layers. */
  int layers();

  boolean tieWordEmbeddings();

  /** Scores per sequence ({@code len(id2label)}); only meaningful for sequence classification. */
  int numLabels();

  /** The pad id transformers uses to find a sequence's last token for its score, when the config names one. */
  OptionalInt padTokenId();

  static HfConfig read(Path directory) {
    return read(ConfigJson.read(directory.resolve(FILE)));
  }

  static HfConfig read(ConfigJson json) {
    String modelType = json.requireString("model_type");
    String architecture = architecture(json, modelType);
    return switch (modelType) {
      case "gpt2" -> Gpt2Config.from(json, architecture,
          task(json, architecture, "GPT2LMHeadModel", "GPT2ForSequenceClassification"));
      case "llama" -> LlamaConfig.from(json, architecture,
          task(json, architecture, "LlamaForCausalLM", "LlamaForSequenceClassification"), false);
      case "qwen2" -> LlamaConfig.from(json, architecture,
          task(json, architecture, "Qwen2ForCausalLM", "Qwen2ForSequenceClassification"), true);
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

  /** The head of a supported architecture: the family's causal LM or its sequence classifier. */
  private static HfTask task(ConfigJson json, String architecture, String causalLm, String classifier) {
    if (architecture.equals(causalLm)) {
      return HfTask.CAUSAL_LM;
    }
    if (architecture.equals(classifier)) {
      return HfTask.SEQUENCE_CLASSIFICATION;
    }
    throw json.problem("architectures", "unsupported architecture \"" + architecture + "\" for model_type \""
        + json.root().get("model_type").asText() + "\"; supported: " + causalLm + ", " + classifier);
  }
}
