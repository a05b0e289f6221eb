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

  /** {@code x W^T + b} for a weight stored {@code [out, in]} (torch Linear), plus its LoRA adapter's output. */
  final NDArray linear(ParameterStore ps, NDArray x, Parameter weight, Parameter bias, boolean training) {
    return withAdapter(ps, x, weight, training,
        Layers.linear(x, value(ps, weight, x, training), value(ps, bias, x, training)));
  }

  /** {@code x W + b} for a weight stored {@code [in, out]} (GPT-2's Conv1D), plus its LoRA adapter's output. */
  final NDArray conv1d(ParameterStore ps, NDArray x, Parameter weight, Parameter bias, boolean training) {
    return withAdapter(ps, x, weight, training,
        Layers.conv1d(x, value(ps, weight, x, training), value(ps, bias, x, training)));
  }

  private NDArray withAdapter(ParameterStore ps, NDArray x, Parameter weight, boolean training, NDArray base) {
    NDArray adapted = parameters.adapters().output(ps, weight, x, training);
    return adapted == null ? base : base.add(adapted);
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
