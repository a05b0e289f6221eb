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

/**
 * One pre-norm transformer layer: {@code x + attention(norm(x))}, then {@code x + mlp(norm(x))}. Inputs: x (B, T, H) and
 * the additive causal mask (T, T). DJL's attention block holds the four projections (so saved models keep their
 * layout); the attention itself is computed here, without that block's per-call mask conversion and flattening.
 */
final class DecoderLayer extends AbstractBlock {
  private final int hiddenSize;
  private final int heads;
  private final LayerNorm attentionNorm;
  private final ScaledDotProductAttentionBlock attention;
  private final LayerNorm mlpNorm;
  private final Linear expand;
  private final Linear project;

  DecoderLayer(int hiddenSize, int heads) {
    this.hiddenSize = hiddenSize;
    this.heads = heads;
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
    x = x.add(attend(ps, normed, mask, training));
    NDArray hidden = expand.forward(ps, new NDList(mlpNorm.forward(ps, new NDList(x), training).head()), training).head();
    return new NDList(x.add(project.forward(ps, new NDList(Activation.gelu(hidden)), training).head()));
  }

  /** softmax(q k^T / sqrt(d) + mask) v over {@code heads} heads of size d, then the output projection. */
  private NDArray attend(ParameterStore ps, NDArray x, NDArray mask, boolean training) {
    long batch = x.getShape().get(0);
    long length = x.getShape().get(1);
    long headSize = hiddenSize / heads;
    NDArray queries = heads(attention.getQueryProjection().forward(ps, new NDList(x), training).head(), batch, length, headSize);
    NDArray keys = heads(attention.getKeyProjection().forward(ps, new NDList(x), training).head(), batch, length, headSize);
    NDArray values = heads(attention.getValueProjection().forward(ps, new NDList(x), training).head(), batch, length, headSize);
    NDArray scores = queries.mul(Scalars.of(queries, 1.0 / Math.sqrt(headSize))).matMul(keys.transpose(0, 1, 3, 2)).add(mask);
    NDArray mixed = scores.softmax(-1).matMul(values).transpose(0, 2, 1, 3).reshape(batch, length, hiddenSize);
    return attention.getResultProjection().forward(ps, new NDList(mixed), training).head();
  }

  /** (B, T, H) to (B, heads, T, H / heads). */
  private NDArray heads(NDArray projected, long batch, long length, long headSize) {
    return projected.reshape(batch, length, heads, headSize).transpose(0, 2, 1, 3);
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
