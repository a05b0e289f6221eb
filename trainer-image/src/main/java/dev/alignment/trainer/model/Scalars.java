package dev.alignment.trainer.model;

import ai.djl.ndarray.NDArray;

/**
 * A scalar operand for a product or quotient the backward pass goes through, as an array that lives as long as the
 * array it meets. DJL's {@code mul(Number)} and {@code div(Number)} wrap the number in a temporary array over a direct
 * buffer and close it when the op returns, but autograd keeps that tensor for the backward pass: once the garbage
 * collector frees the buffer, the gradient reads freed memory and training depends on when the collector ran.
 */
public final class Scalars {
  private Scalars() {}

  /** {@code value} as a float32 scalar of {@code like}'s manager (float32: a float64 one would promote 0-d results). */
  public static NDArray of(NDArray like, double value) {
    return like.getManager().create((float) value);
  }
}
