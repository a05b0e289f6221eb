package dev.alignment.trainer.hf;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;

/** GPT-2's trunk ({@code transformer.} or, as hub GPT-2 files have it, no prefix): wte + wpe, blocks, ln_f. */
final class Gpt2Body extends DecoderBody {
  static final String PREFIX = "transformer.";

  private final Gpt2Config config;
  private final Parameter positions;
  private final List<Gpt2Layer> layers = new ArrayList<>();
  private final Parameter finalWeight;
  private final Parameter finalBias;

  Gpt2Body(NamedParameters parameters, Gpt2Config config) {
    this(parameters, parameters.has(PREFIX + "wte.weight") ? PREFIX : "", config);
  }

  private Gpt2Body(NamedParameters parameters, String prefix, Gpt2Config config) {
    super(parameters, prefix, "wte.weight", config);
    this.config = config;
    positions = weight("wpe.weight", config.maxPositions(), config.hiddenSize());
    for (int i = 0; i < config.layers(); i++) {
      layers.add(addChildBlock("h" + i, new Gpt2Layer(parameters, prefix + "h." + i + ".", i, config)));
    }
    finalWeight = gamma("ln_f.weight", config.hiddenSize());
    finalBias = beta("ln_f.bias", config.hiddenSize());
  }

  @Override
  NDArray hidden(ParameterStore ps, NDArray ids, NDArray attentionMask, KvCache cache, boolean training) {
    long queries = ids.getShape().get(1);
    NDArray mask = AttentionMask.additive(attentionMask, queries);
    NDArray positionIds = AttentionMask.positionIds(attentionMask, queries);
    NDArray x = embedTokens(ps, ids, attentionMask, training).add(embed(ps, positionIds, positions, training));
    for (Gpt2Layer layer : layers) {
      x = layer.forward(ps, x, mask, cache, training);
    }
    return Layers.layerNorm(x, value(ps, finalWeight, x, training), value(ps, finalBias, x, training),
        config.layerNormEpsilon());
  }
}
