package dev.alignment.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.alignment.trainer.data.TextTokenizer;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A network with its tokenizer and the longest sequence the stages feed it: the language model (logits over the
 * vocabulary) or the scalar model (one value per position, for reward and value models). The network is the built-in
 * transformer or a Hugging Face checkpoint; stages see only this.
 */
public abstract class TransformerModel extends AbstractBlock {
  private final Network network;
  private final TextTokenizer tokenizer;
  private final int contextLength;

  protected TransformerModel(Network network, TextTokenizer tokenizer, int contextLength) {
    if (contextLength < 2 || contextLength > network.positions()) {
      throw new IllegalArgumentException("context length " + contextLength + " must be in [2, " + network.positions()
          + "], the network's positions");
    }
    addChildBlock("network", network.block());
    this.network = network;
    this.tokenizer = tokenizer;
    this.contextLength = contextLength;
  }

  public abstract ModelKind kind();

  /** The model's output for tokens (B, T): logits (B, T, V) or values (B, T). */
  public abstract NDArray forward(ParameterStore ps, NDArray tokens, boolean training);

  /** Turns gradient tracking on for every trainable parameter: parameters read from files come back without it. */
  public void trackGradients() {
    getParameters().forEach(p -> {
      if (p.getValue().requiresGradient()) {
        p.getValue().getArray().setRequiresGradient(true);
      }
    });
  }

  public Network network() {
    return network;
  }

  public TextTokenizer tokenizer() {
    return tokenizer;
  }

  /** The longest prompt + completion, in tokens, the stages feed this model. */
  public int contextLength() {
    return contextLength;
  }

  /** Writes the model directory in its network's format, replacing it whole. */
  public void save(Path dir) throws IOException {
    network.save(dir, tokenizer);
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    return new NDList(forward(ps, inputs.head(), training));
  }

  /** The network arrives initialized (drawn or read), so there is nothing to create here. */
  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {}
}
