package dev.alignment.trainer.hf;

import java.util.OptionalInt;

/** GPT-2's {@code config.json}: learned positions, LayerNorm, {@code gelu_new}, tied head. */
public record Gpt2Config(
    String architecture,
    HfTask task,
    int vocabSize,
    int hiddenSize,
    int layers,
    int heads,
    int innerSize,
    int maxPositions,
    double layerNormEpsilon,
    boolean tieWordEmbeddings,
    int numLabels,
    OptionalInt padTokenId) implements HfConfig {

  static Gpt2Config from(ConfigJson json, String architecture, HfTask task) {
    int hidden = json.requireInt("n_embd");
    int heads = json.requireInt("n_head");
    json.refuseUnless(hidden % heads == 0, "n_head", "n_embd " + hidden + " is not a multiple of n_head " + heads);
    String activation = json.optString("activation_function").orElse("gelu_new");
    json.refuseUnless(activation.equals("gelu_new"), "activation_function",
        "\"" + activation + "\" is not supported (only gelu_new)");
    json.refuseUnless(json.optBoolean("scale_attn_weights", true), "scale_attn_weights", "false is not supported");
    json.refuseUnless(!json.optBoolean("scale_attn_by_inverse_layer_idx", false),
        "scale_attn_by_inverse_layer_idx", "true is not supported");
    return new Gpt2Config(architecture, task,
        json.requireInt("vocab_size"),
        hidden,
        json.requireInt("n_layer"),
        heads,
        json.optInt("n_inner", 4 * hidden),
        json.requireInt("n_positions"),
        json.optDouble("layer_norm_epsilon", 1e-5),
        json.optBoolean("tie_word_embeddings", true),
        json.numLabels(),
        json.optIntValue("pad_token_id"));
  }
}
