package dev.alignment.trainer.hf;

import java.util.OptionalInt;

/** The Llama family's {@code config.json} (Llama, SmolLM, TinyLlama, Qwen2): RMSNorm, rotary positions, SwiGLU, GQA. */
public record LlamaConfig(
    String architecture,
    HfTask task,
    int vocabSize,
    int hiddenSize,
    int intermediateSize,
    int layers,
    int heads,
    int keyValueHeads,
    int headSize,
    double rmsNormEpsilon,
    double ropeTheta,
    int maxPositions,
    boolean tieWordEmbeddings,
    boolean qkvBias,
    boolean outputBias,
    int numLabels,
    OptionalInt padTokenId) implements HfConfig {

  /**
   * {@code qwen2}: q/k/v projections always carry a bias, o_proj none (transformers' Qwen2Attention); Llama's
   * {@code attention_bias} puts one on all four.
   */
  static LlamaConfig from(ConfigJson json, String architecture, HfTask task, boolean qwen2) {
    int hidden = json.requireInt("hidden_size");
    int heads = json.requireInt("num_attention_heads");
    int keyValueHeads = json.optInt("num_key_value_heads", heads);
    json.refuseUnless(keyValueHeads > 0 && heads % keyValueHeads == 0, "num_key_value_heads",
        keyValueHeads + " does not divide num_attention_heads " + heads);
    String activation = json.optString("hidden_act").orElse("silu");
    json.refuseUnless(activation.equals("silu"), "hidden_act", "\"" + activation + "\" is not supported (only silu)");
    json.refuseUnless(!json.has("rope_scaling"), "rope_scaling", "rope scaling is not supported yet");
    json.refuseUnless(!json.optBoolean("mlp_bias", false), "mlp_bias", "true is not supported");
    json.refuseUnless(!json.optBoolean("use_sliding_window", false), "use_sliding_window",
        "sliding-window attention is not supported");
    boolean attentionBias = !qwen2 && json.optBoolean("attention_bias", false);
    return new LlamaConfig(architecture, task,
        json.requireInt("vocab_size"),
        hidden,
        json.requireInt("intermediate_size"),
        json.requireInt("num_hidden_layers"),
        heads,
        keyValueHeads,
        json.optInt("head_dim", hidden / heads),
        json.requireDouble("rms_norm_eps"),
        json.optDouble("rope_theta", 10000.0),
        json.requireInt("max_position_embeddings"),
        json.optBoolean("tie_word_embeddings", false),
        qwen2 || attentionBias,
        attentionBias,
        json.numLabels(),
        json.optIntValue("pad_token_id"));
  }
}
