package dev.alignment.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.alignment.trainer.data.TextTokenizer;

/** A causal language model: tokens (B, T) to next-token logits (B, T, V). Policies and references are these. */
public final class LanguageModel extends TransformerModel {
  public LanguageModel(Network network, TextTokenizer tokenizer, int contextLength) {
    super(network, tokenizer, contextLength);
  }

  @Override
  public ModelKind kind() {
    return ModelKind.LANGUAGE;
  }

  @Override
  public NDArray forward(ParameterStore ps, NDArray tokens, boolean training) {
    return network().outputs(ps, tokens, training);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0].add(tokenizer().vocabSize())};
  }
}
