package dev.alignment.trainer.hf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.OptionalInt;

/**
 * The {@code config.json} of a sequence classifier made from a causal LM, as TRL's reward models are saved: the
 * family's {@code ForSequenceClassification} class, one label and a {@code pad_token_id} (the EOS id where the LM had
 * none, as TRL sets it), which transformers needs to find each sequence's last token.
 */
final class ClassifierConfig {
  private ClassifierConfig() {}

  static ObjectNode of(HfFiles causalLm, HfConfig config) {
    ConfigJson json = causalLm.configJson();
    ObjectNode out = causalLm.config().deepCopy();
    out.putArray("architectures").add(classifierClass(json.requireString("model_type")));
    out.putObject("id2label").put("0", "LABEL_0");
    out.putObject("label2id").put("LABEL_0", 0);
    if (config.padTokenId().isEmpty()) {
      OptionalInt eos = json.optIntValue("eos_token_id");
      if (eos.isEmpty()) {
        throw json.problem("pad_token_id", "a reward or value model needs pad_token_id or eos_token_id to find "
            + "each sequence's last token; the config has neither");
      }
      out.put("pad_token_id", eos.getAsInt());
    }
    return out;
  }

  private static String classifierClass(String modelType) {
    return switch (modelType) {
      case "gpt2" -> "GPT2ForSequenceClassification";
      case "llama" -> "LlamaForSequenceClassification";
      case "qwen2" -> "Qwen2ForSequenceClassification";
      default -> throw new IllegalArgumentException("no classifier for model_type " + modelType);
    };
  }
}
