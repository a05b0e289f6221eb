package dev.alignment.trainer.hf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A family's transformer trunk: inputs ids (B, T) and attention mask (B, T), output hidden states (B, T, H); with a
 * {@link KvCache}, the ids are the new tokens and the mask covers the cached and the new ones.
 */
abstract class DecoderBody extends ParameterBlock {
  private final long hiddenSize;
  private final long maxPositions;
  private final Parameter tokens;

  /** {@code tokenTable}: the embedding's tensor name under the prefix, {@code [vocab, hidden]}. */
  DecoderBody(NamedParameters parameters, String prefix, String tokenTable, HfConfig config) {
    super(parameters, prefix);
    hiddenSize = config.hiddenSize();
    maxPositions = config.maxPositions();
    tokens = weight(tokenTable, config.vocabSize(), config.hiddenSize());
  }

  /** The token embedding table (V, H), which a tied head reuses. */
  final Parameter tokenEmbedding() {
    return tokens;
  }

  /** Hidden states (B, Tq, H) of the new ids (B, Tq); the mask (B, Tk) covers the cache's tokens and the new ones. */
  abstract NDArray hidden(ParameterStore ps, NDArray ids, NDArray attentionMask, KvCache cache, boolean training);

  @Override
  protected final NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    return new NDList(hidden(ps, inputs.get(0), inputs.get(1), KvCache.none(), training));
  }

  /** Token embeddings (B, Tq, H), refusing sequences (cached and new, the mask's length) longer than the positions. */
  final NDArray embedTokens(ParameterStore ps, NDArray ids, NDArray attentionMask, boolean training) {
    long length = attentionMask.getShape().get(1);
    if (length > maxPositions) {
      throw new IllegalArgumentException(length + " tokens exceed the model's " + maxPositions + " positions");
    }
    return embed(ps, ids, tokens, training);
  }

  static NDArray embed(ParameterStore ps, NDArray ids, Parameter table, boolean training) {
    return Embedding.embedding(ids, value(ps, table, ids, training), SparseFormat.DENSE).head();
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0].addAll(new Shape(hiddenSize))};
  }
}
