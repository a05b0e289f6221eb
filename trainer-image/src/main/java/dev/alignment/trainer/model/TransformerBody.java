package dev.alignment.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.nn.transformer.IdEmbedding;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/** The shared trunk: token + position embeddings, causal decoder layers, final layer norm. Tokens (B, T) to (B, T, H). */
public final class TransformerBody extends AbstractBlock {
  private final Architecture architecture;
  private final IdEmbedding tokenEmbedding;
  private final IdEmbedding positionEmbedding;
  /** The two embedding tables, kept rather than looked up by name through getParameters() on every forward. */
  private final Parameter tokenTable;
  private final Parameter positionTable;
  private final List<DecoderLayer> layers = new ArrayList<>();
  private final LayerNorm finalNorm;

  public TransformerBody(Architecture architecture, int vocabSize) {
    this.architecture = architecture;
    tokenEmbedding = addChildBlock("tokenEmbedding",
        new IdEmbedding.Builder().setDictionarySize(vocabSize).setEmbeddingSize(architecture.hiddenSize()).build());
    positionEmbedding = addChildBlock("positionEmbedding",
        new IdEmbedding.Builder().setDictionarySize(architecture.contextLength()).setEmbeddingSize(architecture.hiddenSize()).build());
    tokenTable = tokenEmbedding.getParameters().get("embedding");
    positionTable = positionEmbedding.getParameters().get("embedding");
    for (int i = 0; i < architecture.layers(); i++) {
      layers.add(addChildBlock("layer" + i, new DecoderLayer(architecture.hiddenSize(), architecture.heads())));
    }
    finalNorm = addChildBlock("finalNorm", LayerNorm.builder().axis(2).build());
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray tokens = inputs.head();
    int length = (int) tokens.getShape().get(1);
    if (length > architecture.contextLength()) {
      throw new IllegalArgumentException("sequence of " + length + " tokens exceeds the context length " + architecture.contextLength());
    }
    NDManager manager = tokens.getManager();
    NDArray positions = manager.arange(0, length, 1, DataType.INT64);
    NDArray x = lookup(ps, tokenTable, tokens, training).add(lookup(ps, positionTable, positions, training));
    NDArray mask = causalMask(positions);
    for (DecoderLayer layer : layers) {
      x = layer.forward(ps, new NDList(x, mask), training).head();
    }
    return new NDList(finalNorm.forward(ps, new NDList(x), training).head());
  }

  /** The rows of an embedding table for the ids, as one lookup (DJL's IdEmbedding gathers through gatherNd). */
  private static NDArray lookup(ParameterStore ps, Parameter table, NDArray ids, boolean training) {
    NDArray weights = ps.getValue(table, ids.getDevice(), training);
    return ids.getNDArrayInternal().embedding(ids, weights, SparseFormat.DENSE).head();
  }

  /**
   * Added to attention scores (T, T): 0 where position i may attend to position j (j <= i), -1e9 elsewhere, which
   * softmax turns into exactly 0 as -inf would, without the NaN a fully masked row would give.
   */
  private static NDArray causalMask(NDArray positions) {
    NDArray future = positions.expandDims(0).gt(positions.expandDims(1));
    return future.toType(DataType.FLOAT32, false).mul(-1e9f);
  }

  public Architecture architecture() {
    return architecture;
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0].add(architecture.hiddenSize())};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    tokenEmbedding.initialize(manager, dataType, new Shape(1, 1));
    positionEmbedding.initialize(manager, dataType, new Shape(1));
    for (DecoderLayer layer : layers) {
      layer.initialize(manager, dataType, new Shape(1, 1, architecture.hiddenSize()), new Shape(1, 1, 1));
    }
    finalNorm.initialize(manager, dataType, new Shape(1, 1, architecture.hiddenSize()));
  }
}
