package dev.alignment.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.nn.transformer.ScaledDotProductAttentionBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** One pre-norm transformer layer: {@code x + attention(norm(x))}, then {@code x + mlp(norm(x))}. Inputs: x, mask. */
final class DecoderLayer extends AbstractBlock {
  private final int hiddenSize;
  private final LayerNorm attentionNorm;
  private final ScaledDotProductAttentionBlock attention;
  private final LayerNorm mlpNorm;
  private final Linear expand;
  private final Linear project;

  DecoderLayer(int hiddenSize, int heads) {
    this.hiddenSize = hiddenSize;
    attentionNorm = addChildBlock("attentionNorm", LayerNorm.builder().axis(2).build());
    attention = addChildBlock("attention", ScaledDotProductAttentionBlock.builder()
        .setEmbeddingSize(hiddenSize)
        .setHeadCount(heads)
        .optAttentionProbsDropoutProb(0f)
        .build());
    mlpNorm = addChildBlock("mlpNorm", LayerNorm.builder().axis(2).build());
    expand = addChildBlock("expand", Linear.builder().setUnits(4L * hiddenSize).build());
    project = addChildBlock("project", Linear.builder().setUnits(hiddenSize).build());
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.get(0);
    NDArray mask = inputs.get(1);
    NDArray normed = attentionNorm.forward(ps, new NDList(x), training).head();
    x = x.add(attention.forward(ps, new NDList(normed, mask), training).head());
    NDArray hidden = expand.forward(ps, new NDList(mlpNorm.forward(ps, new NDList(x), training).head()), training).head();
    return new NDList(x.add(project.forward(ps, new NDList(Activation.gelu(hidden)), training).head()));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape sequence = new Shape(1, 1, hiddenSize);
    attentionNorm.initialize(manager, dataType, sequence);
    attention.initialize(manager, dataType, sequence, new Shape(1, 1, 1));
    mlpNorm.initialize(manager, dataType, sequence);
    expand.initialize(manager, dataType, new Shape(1, hiddenSize));
    project.initialize(manager, dataType, new Shape(1, 4L * hiddenSize));
  }
}
