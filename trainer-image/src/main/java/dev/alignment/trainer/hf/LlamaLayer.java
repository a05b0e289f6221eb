package dev.alignment.trainer.hf;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

/**
 * One Llama/Qwen2 decoder layer ({@code model.layers.N.}): RMSNorm, rotary grouped-query attention (optional q/k/v
 * bias), RMSNorm, SwiGLU MLP.
 */
final class LlamaLayer extends DecoderLayer {
  private final LlamaConfig config;
  private final Parameter inputNorm;
  private final Parameter queryWeight;
  private final Parameter queryBias;
  private final Parameter keyWeight;
  private final Parameter keyBias;
  private final Parameter valueWeight;
  private final Parameter valueBias;
  private final Parameter outputWeight;
  private final Parameter outputBias;
  private final Parameter attentionNorm;
  private final Parameter gateWeight;
  private final Parameter upWeight;
  private final Parameter downWeight;

  LlamaLayer(NamedParameters parameters, String prefix, int index, LlamaConfig config) {
    super(parameters, prefix, index);
    this.config = config;
    long hidden = config.hiddenSize();
    long queries = (long) config.heads() * config.headSize();
    long keyValues = (long) config.keyValueHeads() * config.headSize();
    long inner = config.intermediateSize();
    inputNorm = gamma("input_layernorm.weight", hidden);
    queryWeight = weight("self_attn.q_proj.weight", queries, hidden);
    queryBias = config.qkvBias() ? bias("self_attn.q_proj.bias", queries) : null;
    keyWeight = weight("self_attn.k_proj.weight", keyValues, hidden);
    keyBias = config.qkvBias() ? bias("self_attn.k_proj.bias", keyValues) : null;
    valueWeight = weight("self_attn.v_proj.weight", keyValues, hidden);
    valueBias = config.qkvBias() ? bias("self_attn.v_proj.bias", keyValues) : null;
    outputWeight = weight("self_attn.o_proj.weight", hidden, queries);
    outputBias = config.outputBias() ? bias("self_attn.o_proj.bias", hidden) : null;
    attentionNorm = gamma("post_attention_layernorm.weight", hidden);
    gateWeight = weight("mlp.gate_proj.weight", inner, hidden);
    upWeight = weight("mlp.up_proj.weight", inner, hidden);
    downWeight = weight("mlp.down_proj.weight", hidden, inner);
  }

  /**
   * x (B, Tq, H), additive mask (B, 1, Tq, Tk), rotary cos and sin (B, 1, Tq, d); the new keys (rotated) and values
   * join the cache with the kv heads, not the expanded ones.
   */
  NDArray forward(ParameterStore ps, NDArray x, NDArray mask, NDArray[] rotary, KvCache cache, boolean training) {
    double eps = config.rmsNormEpsilon();
    NDArray normed = Layers.rmsNorm(x, value(ps, inputNorm, x, training), eps);
    NDArray q = project(ps, normed, queryWeight, queryBias, config.heads(), training);
    NDArray k = project(ps, normed, keyWeight, keyBias, config.keyValueHeads(), training);
    NDArray v = project(ps, normed, valueWeight, valueBias, config.keyValueHeads(), training);
    NDArray[] keyValues = cache.extend(index, RotaryEmbedding.apply(k, rotary), v);
    NDArray mixed = Layers.attention(RotaryEmbedding.apply(q, rotary), keyValues[0], keyValues[1], mask);
    x = x.add(linear(ps, mixed, outputWeight, outputBias, training));
    normed = Layers.rmsNorm(x, value(ps, attentionNorm, x, training), eps);
    NDArray gate = Layers.silu(linear(ps, normed, gateWeight, null, training));
    NDArray up = linear(ps, normed, upWeight, null, training);
    return x.add(linear(ps, gate.mul(up), downWeight, null, training));
  }

  private NDArray project(ParameterStore ps, NDArray x, Parameter weight, Parameter bias, int heads, boolean training) {
    return Layers.splitHeads(linear(ps, x, weight, bias, training), heads);
  }
}
