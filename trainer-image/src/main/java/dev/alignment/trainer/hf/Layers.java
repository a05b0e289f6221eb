package dev.alignment.trainer.hf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import dev.alignment.trainer.model.Scalars;

/**
 * The stateless tensor functions both families share, each written as transformers computes it. A constant factor on
 * the backward path is an array ({@link Scalars}), never a plain number.
 */
final class Layers {
  private static final double GELU_SCALE = Math.sqrt(2.0 / Math.PI);

  private Layers() {}

  /** {@code x W^T + b} for a weight stored {@code [out, in]} (torch Linear); bias may be null. */
  static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
    return bias == null ? Linear.linear(x, weight).head() : Linear.linear(x, weight, bias).head();
  }

  /** {@code x W + b} for a weight stored {@code [in, out]} (GPT-2's Conv1D). */
  static NDArray conv1d(NDArray x, NDArray weight, NDArray bias) {
    return x.matMul(weight).add(bias);
  }

  static NDArray layerNorm(NDArray x, NDArray gamma, NDArray beta, double epsilon) {
    return LayerNorm.layerNorm(x, new Shape(x.getShape().tail()), gamma, beta, (float) epsilon).head();
  }

  /** Llama's RMSNorm: {@code w * x / sqrt(mean(x^2) + eps)}. */
  static NDArray rmsNorm(NDArray x, NDArray weight, double epsilon) {
    NDArray variance = x.square().mean(new int[] {-1}, true);
    return x.mul(variance.add(epsilon).sqrt().pow(Scalars.of(x, -1))).mul(weight);
  }

  /** transformers' {@code gelu_new}: the tanh approximation. */
  static NDArray geluNew(NDArray x) {
    NDArray inner = x.add(x.pow(Scalars.of(x, 3)).mul(Scalars.of(x, 0.044715))).mul(Scalars.of(x, GELU_SCALE));
    return x.mul(Scalars.of(x, 0.5)).mul(inner.tanh().add(1));
  }

  static NDArray silu(NDArray x) {
    return x.mul(Activation.sigmoid(x));
  }

  /** (B, T, heads * d) to (B, heads, T, d). */
  static NDArray splitHeads(NDArray x, long heads) {
    Shape shape = x.getShape();
    return x.reshape(shape.get(0), shape.get(1), heads, shape.get(2) / heads).transpose(0, 2, 1, 3);
  }

  /**
   * softmax(q k^T / sqrt(d) + mask) v, q (B, H, Tq, d), k and v (B, K, Tk, d) with H a multiple of K (grouped-query:
   * query head h reads key/value head h / (H / K), as transformers' repeat_kv), mask additive (B, 1, Tq, Tk);
   * (B, Tq, H*d).
   */
  static NDArray attention(NDArray q, NDArray k, NDArray v, NDArray mask) {
    Shape shape = q.getShape();
    long heads = shape.get(1);
    long headSize = shape.get(3);
    NDArray keys = repeatKeyValue(k, heads);
    NDArray values = repeatKeyValue(v, heads);
    NDArray scores = q.matMul(keys.transpose(0, 1, 3, 2)).mul(Scalars.of(q, 1.0 / Math.sqrt(headSize))).add(mask);
    NDArray mixed = scores.softmax(-1).matMul(values);
    return mixed.transpose(0, 2, 1, 3).reshape(shape.get(0), shape.get(2), heads * headSize);
  }

  private static NDArray repeatKeyValue(NDArray x, long heads) {
    Shape shape = x.getShape();
    long groups = heads / shape.get(1);
    if (groups == 1) {
      return x;
    }
    return x.expandDims(2)
        .broadcast(shape.get(0), shape.get(1), groups, shape.get(2), shape.get(3))
        .reshape(shape.get(0), heads, shape.get(2), shape.get(3));
  }
}
