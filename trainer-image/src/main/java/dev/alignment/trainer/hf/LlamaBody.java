package dev.alignment.trainer.hf;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;

/** The Llama family's trunk ({@code model.}): embed_tokens, decoder layers with shared rotary tables, final norm. */
final class LlamaBody extends DecoderBody {
  static final String PREFIX = "model.";

  private final LlamaConfig config;
  private final RotaryEmbedding rotary;
  private final List<LlamaLayer> layers = new ArrayList<>();
  private final Parameter finalNorm;

  LlamaBody(NamedParameters parameters, LlamaConfig config) {
    super(parameters, PREFIX, "embed_tokens.weight", config);
    this.config = config;
    rotary = new RotaryEmbedding(config.headSize(), config.ropeTheta());
    for (int i = 0; i < config.layers(); i++) {
      layers.add(addChildBlock("layer" + i, new LlamaLayer(parameters, PREFIX + "layers." + i + ".", i, config)));
    }
    finalNorm = gamma("norm.weight", config.hiddenSize());
  }

  @Override
  NDArray hidden(ParameterStore ps, NDArray ids, NDArray attentionMask, KvCache cache, boolean training) {
    long queries = ids.getShape().get(1);
    NDArray mask = AttentionMask.additive(attentionMask, queries);
    NDArray[] tables = rotary.tables(AttentionMask.positionIds(attentionMask, queries));
    NDArray x = embedTokens(ps, ids, attentionMask, training);
    for (LlamaLayer layer : layers) {
      x = layer.forward(ps, x, mask, tables, cache, training);
    }
    return Layers.rmsNorm(x, value(ps, finalNorm, x, training), config.rmsNormEpsilon());
  }
}
