package dev.alignment.trainer.hf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

/** A DJL block whose parameters come from a checkpoint under Hugging Face names ({@code prefix + local name}). */
abstract class ParameterBlock extends AbstractBlock {
  private final NamedParameters parameters;
  private final String prefix;

  ParameterBlock(NamedParameters parameters, String prefix) {
    this.parameters = parameters;
    this.prefix = prefix;
  }

  final Parameter weight(String name, long... shape) {
    return addParameter(parameters.take(prefix + name, Parameter.Type.WEIGHT, shape));
  }

  final Parameter bias(String name, long... shape) {
    return addParameter(parameters.take(prefix + name, Parameter.Type.BIAS, shape));
  }

  final Parameter gamma(String name, long... shape) {
    return addParameter(parameters.take(prefix + name, Parameter.Type.GAMMA, shape));
  }

  final Parameter beta(String name, long... shape) {
    return addParameter(parameters.take(prefix + name, Parameter.Type.BETA, shape));
  }

  /** The parameter's array on the input's device, tracked for gradients when training. */
  static NDArray value(ParameterStore ps, Parameter parameter, NDArray like, boolean training) {
    return parameter == null ? null : ps.getValue(parameter, like.getDevice(), training);
  }

  /**
   * Every parameter already holds its checkpoint array, so initializing only marks the block (and its children)
   * initialized and the arrays as needing gradients; the shapes are passed down unread.
   */
  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    for (Block child : getChildren().values()) {
      child.initialize(manager, dataType, inputShapes);
    }
  }

  /** Decoder layers map (B, T, H) to (B, T, H). */
  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }
}
