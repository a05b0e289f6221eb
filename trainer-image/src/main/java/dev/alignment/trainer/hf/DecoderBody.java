package dev.alignment.trainer.hf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.training.ParameterStore;

/** A family's transformer trunk: inputs ids (B, T) and attention mask (B, T), output hidden states (B, T, H). */
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

  /** Token embeddings (B, T, H), refusing sequences longer than the position table. */
  final NDArray embedTokens(ParameterStore ps, NDArray ids, boolean training) {
    long length = ids.getShape().get(1);
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
