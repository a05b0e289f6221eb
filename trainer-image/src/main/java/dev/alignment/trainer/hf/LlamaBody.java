package dev.alignment.trainer.hf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
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
      layers.add(addChildBlock("layer" + i, new LlamaLayer(parameters, PREFIX + "layers." + i + ".", config)));
    }
    finalNorm = gamma("norm.weight", config.hiddenSize());
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray ids = inputs.get(0);
    NDArray mask = AttentionMask.additive(inputs.get(1));
    NDArray[] tables = rotary.tables(ids.getManager(), ids.getShape().get(1));
    NDArray x = embedTokens(ps, ids, training);
    for (LlamaLayer layer : layers) {
      x = layer.forward(ps, new NDList(x, mask, tables[0], tables[1]), training).head();
    }
    return new NDList(Layers.rmsNorm(x, value(ps, finalNorm, x, training), config.rmsNormEpsilon()));
  }
}
