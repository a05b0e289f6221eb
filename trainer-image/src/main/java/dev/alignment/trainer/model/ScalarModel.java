package dev.alignment.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import dev.alignment.trainer.data.TextTokenizer;

/** A transformer with a scalar head: tokens (B, T) to one value per position (B, T); reward models read the last one. */
public final class ScalarModel extends TransformerModel {
  public ScalarModel(Architecture architecture, TextTokenizer tokenizer) {
    super(architecture, tokenizer, Linear.builder().setUnits(1).build());
  }

  @Override
  public ModelKind kind() {
    return ModelKind.SCALAR;
  }

  @Override
  public NDArray forward(ParameterStore ps, NDArray tokens, boolean training) {
    return headOutput(ps, tokens, training).squeeze(-1);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }
}
