package dev.alignment.trainer.ppo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.alignment.trainer.training.StepOutput;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * PPO's clipped surrogate (Schulman et al. 2017) over a minibatch's completion tokens: with rho = exp(log pi_new -
 * log pi_old), loss = mean max(-A rho, -A clip(rho, 1 - eps, 1 + eps)); {@code policy/clipfrac} is the share of tokens
 * where the clipped term is the larger, {@code policy/approxkl} = 0.5 mean (log pi_new - log pi_old)^2.
 */
public record PolicyObjective(double clipRange) {
  // Scalars are floats: a double would promote the 0-dimensional means to float64.
  /** All arrays (B, L - 1), zero outside the completion; {@code mask} marks the completion tokens. */
  public StepOutput evaluate(NDArray logProbs, NDArray oldLogProbs, NDArray advantages, NDArray mask, long tokens) {
    NDArray logRatio = logProbs.sub(oldLogProbs);
    NDArray ratio = logRatio.exp();
    NDArray unclipped = advantages.neg().mul(ratio);
    NDArray clipped = advantages.neg().mul(ratio.clip((float) (1 - clipRange), (float) (1 + clipRange)));
    Map<String, NDArray> metrics = new LinkedHashMap<>();
    metrics.put("policy/clipfrac", Masked.mean(clipped.gt(unclipped).toType(DataType.FLOAT32, false), mask));
    metrics.put("policy/approxkl", Masked.mean(logRatio.square(), mask).mul(0.5f));
    return new StepOutput(Masked.mean(unclipped.maximum(clipped), mask), metrics, tokens);
  }
}
