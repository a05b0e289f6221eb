package dev.alignment.trainer.hf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * The additive mask transformers' eager attention uses: key j is visible to query i when j <= i and the attention
 * mask is 1 at j; hidden keys get the float32 minimum. Input (B, T) of 0/1, output (B, 1, T, T).
 */
final class AttentionMask {
  private AttentionMask() {}

  static NDArray additive(NDArray attentionMask) {
    NDManager manager = attentionMask.getManager();
    long length = attentionMask.getShape().get(1);
    NDArray positions = manager.arange(length);
    NDArray causal = positions.expandDims(0).lte(positions.expandDims(1));
    NDArray keys = attentionMask.toType(DataType.BOOLEAN, false).expandDims(1).expandDims(1);
    NDArray visible = causal.expandDims(0).expandDims(0).logicalAnd(keys);
    return visible.logicalNot().toType(DataType.FLOAT32, false).mul(-Float.MAX_VALUE);
  }
}
