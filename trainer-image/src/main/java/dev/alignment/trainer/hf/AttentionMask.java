package dev.alignment.trainer.hf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * The additive mask transformers' eager attention uses: key j is visible to query i when j <= i and the attention
 * mask is 1 at j; hidden keys get the float32 minimum. The queries are the last Tq of the Tk tokens (the new ones
 * after a cache). Input (B, Tk) of 0/1, output (B, 1, Tq, Tk).
 */
final class AttentionMask {
  private AttentionMask() {}

  static NDArray additive(NDArray attentionMask, long queries) {
    NDManager manager = attentionMask.getManager();
    long keys = attentionMask.getShape().get(1);
    NDArray keyPositions = manager.arange(0, keys, 1, DataType.INT64);
    NDArray queryPositions = manager.arange(keys - queries, keys, 1, DataType.INT64);
    NDArray causal = keyPositions.expandDims(0).lte(queryPositions.expandDims(1));
    NDArray real = attentionMask.toType(DataType.BOOLEAN, false).expandDims(1).expandDims(1);
    NDArray visible = causal.expandDims(0).expandDims(0).logicalAnd(real);
    return visible.logicalNot().toType(DataType.FLOAT32, false).mul(-Float.MAX_VALUE);
  }

  /**
   * Each new token's position, the number of real tokens before it (as transformers' generate derives
   * {@code position_ids}), so right- and left-padded rows both count from 0; (B, Tq) for the last Tq tokens.
   */
  static NDArray positionIds(NDArray attentionMask, long queries) {
    long keys = attentionMask.getShape().get(1);
    NDArray counts = attentionMask.toType(DataType.INT64, false).cumSum(1).sub(1).maximum(0);
    return counts.get(":, " + (keys - queries) + ":");
  }
}
