package dev.alignment.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import dev.alignment.trainer.data.TextTokenizer;

/**
 * A transformer body with one head on top: the language model (logits over the vocabulary) or the scalar model
 * (one value per position, for reward and value models). Both share the body's layout, so a reward model can start
 * from a trained language model's body.
 */
public abstract class TransformerModel extends AbstractBlock {
  private final TextTokenizer tokenizer;
  private final TransformerBody body;
  private final Linear head;

  protected TransformerModel(Architecture architecture, TextTokenizer tokenizer, Linear head) {
    this.tokenizer = tokenizer;
    this.body = addChildBlock("body", new TransformerBody(architecture, tokenizer.vocabSize()));
    this.head = addChildBlock("head", head);
  }

  public abstract ModelKind kind();

  /** Creates the parameters, drawn from the engine's seeded generator (N(0, 0.02) weights, as GPT-2). */
  public void initialize(NDManager manager) {
    setInitializer(new NormalInitializer(0.02f), Parameter.Type.WEIGHT);
    initialize(manager, DataType.FLOAT32, new Shape(1, architecture().contextLength()));
  }

  /** Turns gradient tracking on for every parameter: parameters read from files come back without it. */
  public void trackGradients() {
    getParameters().forEach(p -> p.getValue().getArray().setRequiresGradient(true));
  }

  /** The head's output for every position: (B, T, V) logits or (B, T, 1) values. */
  protected NDArray headOutput(ParameterStore ps, NDArray tokens, boolean training) {
    NDArray hidden = body.forward(ps, new NDList(tokens), training).head();
    return head.forward(ps, new NDList(hidden), training).head();
  }

  public TransformerBody body() {
    return body;
  }

  public Linear head() {
    return head;
  }

  public Architecture architecture() {
    return body.architecture();
  }

  public TextTokenizer tokenizer() {
    return tokenizer;
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    return new NDList(forward(ps, inputs.head(), training));
  }

  /** The model's output for tokens (B, T). */
  public abstract NDArray forward(ParameterStore ps, NDArray tokens, boolean training);

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    body.initialize(manager, dataType, inputShapes);
    head.initialize(manager, dataType, new Shape(1, architecture().hiddenSize()));
  }
}
