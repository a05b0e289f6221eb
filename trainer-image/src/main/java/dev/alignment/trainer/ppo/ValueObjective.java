package dev.alignment.trainer.ppo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.alignment.trainer.model.Scalars;
import dev.alignment.trainer.training.StepOutput;
import java.util.Map;

/**
 * The clipped value loss over a minibatch's completion tokens: 0.5 mean max((V - R)^2, (clip(V, V_old - eps,
 * V_old + eps) - R)^2); {@code val/clipfrac} is the share of tokens where the clipped term is the larger.
 */
public record ValueObjective(double clipRange) {
  // Scalars are floats: a double would promote the 0-dimensional means to float64.
  /** All arrays (B, L - 1), zero outside the completion; {@code mask} marks the completion tokens. */
  public StepOutput evaluate(NDArray values, NDArray oldValues, NDArray returns, NDArray mask, long tokens) {
    NDArray clippedValues = oldValues.add(values.sub(oldValues).clip((float) -clipRange, (float) clipRange));
    NDArray unclipped = values.sub(returns).square();
    NDArray clipped = clippedValues.sub(returns).square();
    NDArray clipFraction = Masked.mean(clipped.gt(unclipped).toType(DataType.FLOAT32, false), mask);
    NDArray mean = Masked.mean(unclipped.maximum(clipped), mask);
    return new StepOutput(mean.mul(Scalars.of(mean, 0.5)), Map.of("val/clipfrac", clipFraction), tokens);
  }
}
