package dev.alignment.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.alignment.trainer.data.TextTokenizer;

/** A model with a scalar head: tokens (B, T) to one value per position (B, T); reward models read one of them. */
public final class ScalarModel extends TransformerModel {
  public ScalarModel(Network network, TextTokenizer tokenizer, int contextLength) {
    super(network, tokenizer, contextLength);
  }

  @Override
  public ModelKind kind() {
    return ModelKind.SCALAR;
  }

  @Override
  public NDArray forward(ParameterStore ps, NDArray tokens, boolean training) {
    return network().outputs(ps, tokens, training).squeeze(-1);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }
}
