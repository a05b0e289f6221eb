package dev.alignment.trainer.stage;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.alignment.trainer.training.StepOutput;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The DPO-family objective on a batch of sequence log-probabilities, with TRL's logged quantities: implicit rewards
 * r = beta (log pi - log pi_ref) of chosen and rejected, their margin, the share of pairs with r_w > r_l (strict), and
 * the policy's log-probabilities.
 */
public record PreferenceObjective(PreferenceLoss loss, double beta, double labelSmoothing) {
  /** Loss (scalar) and logged metrics from policy and reference log-probabilities of chosen and rejected, each (B). */
  public StepOutput evaluate(NDArray policyChosen, NDArray policyRejected, NDArray referenceChosen, NDArray referenceRejected, long tokens) {
    NDArray chosenLogRatio = policyChosen.sub(referenceChosen);
    NDArray rejectedLogRatio = policyRejected.sub(referenceRejected);
    NDArray h = chosenLogRatio.sub(rejectedLogRatio);
    NDArray chosenReward = chosenLogRatio.mul(beta);
    NDArray rejectedReward = rejectedLogRatio.mul(beta);
    Map<String, NDArray> metrics = new LinkedHashMap<>();
    metrics.put("rewards/chosen", chosenReward.mean());
    metrics.put("rewards/rejected", rejectedReward.mean());
    metrics.put("rewards/accuracies", chosenReward.gt(rejectedReward).toType(DataType.FLOAT32, false).mean());
    metrics.put("rewards/margins", chosenReward.sub(rejectedReward).mean());
    metrics.put("logps/chosen", policyChosen.mean());
    metrics.put("logps/rejected", policyRejected.mean());
    return new StepOutput(loss.loss(h, beta, labelSmoothing).mean(), metrics, tokens);
  }
}
