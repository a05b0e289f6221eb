package dev.alignment.trainer.hf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

/** One GPT-2 block ({@code h.N.}): LayerNorm, fused-qkv Conv1D attention, LayerNorm, gelu_new MLP. */
final class Gpt2Layer extends DecoderLayer {
  private final Gpt2Config config;
  private final Parameter norm1Weight;
  private final Parameter norm1Bias;
  private final Parameter attentionWeight;
  private final Parameter attentionBias;
  private final Parameter attentionOutWeight;
  private final Parameter attentionOutBias;
  private final Parameter norm2Weight;
  private final Parameter norm2Bias;
  private final Parameter expandWeight;
  private final Parameter expandBias;
  private final Parameter projectWeight;
  private final Parameter projectBias;

  Gpt2Layer(NamedParameters parameters, String prefix, int index, Gpt2Config config) {
    super(parameters, prefix, index);
    this.config = config;
    long hidden = config.hiddenSize();
    long inner = config.innerSize();
    norm1Weight = gamma("ln_1.weight", hidden);
    norm1Bias = beta("ln_1.bias", hidden);
    attentionWeight = weight("attn.c_attn.weight", hidden, 3 * hidden);
    attentionBias = bias("attn.c_attn.bias", 3 * hidden);
    attentionOutWeight = weight("attn.c_proj.weight", hidden, hidden);
    attentionOutBias = bias("attn.c_proj.bias", hidden);
    norm2Weight = gamma("ln_2.weight", hidden);
    norm2Bias = beta("ln_2.bias", hidden);
    expandWeight = weight("mlp.c_fc.weight", hidden, inner);
    expandBias = bias("mlp.c_fc.bias", inner);
    projectWeight = weight("mlp.c_proj.weight", inner, hidden);
    projectBias = bias("mlp.c_proj.bias", hidden);
  }

  /** x (B, Tq, H), additive mask (B, 1, Tq, Tk); the new keys and values join the cache. */
  NDArray forward(ParameterStore ps, NDArray x, NDArray mask, KvCache cache, boolean training) {
    double eps = config.layerNormEpsilon();
    NDArray normed = Layers.layerNorm(x, value(ps, norm1Weight, x, training), value(ps, norm1Bias, x, training), eps);
    NDList qkv = conv1d(ps, normed, attentionWeight, attentionBias, training).split(3, 2);
    int heads = config.heads();
    NDArray[] keyValues =
        cache.extend(index, Layers.splitHeads(qkv.get(1), heads), Layers.splitHeads(qkv.get(2), heads));
    NDArray mixed = Layers.attention(Layers.splitHeads(qkv.get(0), heads), keyValues[0], keyValues[1], mask);
    x = x.add(conv1d(ps, mixed, attentionOutWeight, attentionOutBias, training));
    normed = Layers.layerNorm(x, value(ps, norm2Weight, x, training), value(ps, norm2Bias, x, training), eps);
    NDArray hidden = Layers.geluNew(conv1d(ps, normed, expandWeight, expandBias, training));
    return x.add(conv1d(ps, hidden, projectWeight, projectBias, training));
  }
}
