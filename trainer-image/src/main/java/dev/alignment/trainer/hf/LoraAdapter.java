package dev.alignment.trainer.hf;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import dev.alignment.trainer.model.Scalars;

/**
 * One LoRA adapter on a projection: {@code scaling * B(A(dropout(x)))} with A (rank, in) and B (out, rank) in torch
 * Linear layout, added to the projection's output. {@code transposed}: the base weight is stored (in, out) (GPT-2's
 * Conv1D), so merging adds the transposed product.
 */
record LoraAdapter(Parameter a, Parameter b, double scaling, double dropout, boolean transposed) {

  NDArray output(ParameterStore ps, NDArray x, boolean training) {
    NDArray input = dropout > 0 ? Dropout.dropout(x, (float) dropout, training).head() : x;
    NDArray down = Layers.linear(input, ParameterBlock.value(ps, a, x, training), null);
    NDArray up = Layers.linear(down, ParameterBlock.value(ps, b, x, training), null);
    return up.mul(Scalars.of(up, scaling));
  }

  /** {@code scaling * B A} in the base weight's layout. */
  NDArray weightDelta() {
    NDArray product = b.getArray().matMul(a.getArray()).mul(scaling);
    return transposed ? product.transpose() : product;
  }
}
