package dev.alignment.trainer.hf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * Rotary position embedding in transformers' rotate_half layout: the head's first and second halves form the pairs,
 * {@code inv_freq = theta^(-2i/d)}.
 */
record RotaryEmbedding(int headSize, double theta) {

  /** cos and sin tables (B, 1, T, d) for position ids (B, T), computed in float32 as transformers does. */
  NDArray[] tables(NDArray positionIds) {
    NDManager manager = positionIds.getManager();
    NDArray exponents = manager.arange(0, headSize, 2, DataType.INT64).toType(DataType.FLOAT32, false).div(headSize);
    NDArray inverseFrequencies = manager.create((float) theta).pow(exponents).pow(-1);
    NDArray angles = positionIds.toType(DataType.FLOAT32, false).expandDims(-1).mul(inverseFrequencies);
    NDArray doubled = angles.concat(angles, -1).expandDims(1);
    return new NDArray[] {doubled.cos(), doubled.sin()};
  }

  /** x (B, H, T, d) rotated by position. */
  static NDArray apply(NDArray x, NDArray[] tables) {
    long half = x.getShape().get(3) / 2;
    NDArray first = x.get("..., :" + half);
    NDArray second = x.get("..., " + half + ":");
    NDArray rotated = second.neg().concat(first, -1);
    return x.mul(tables[0]).add(rotated.mul(tables[1]));
  }
}
