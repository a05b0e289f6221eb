package dev.alignment.contract;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The PPO settings both the actor and the critic read. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription("PPO hyperparameters: clipped policy and value objectives, GAE, a per-token KL penalty toward the reference.")
public record PpoBlock(
    @JsonPropertyDescription("Split: actor and critic in two Jobs, talking HTTP. Colocated: one process holds all four models. Default Split.")
    Topology topology,
    @JsonPropertyDescription("Coefficient of the per-token KL penalty toward the reference (>= 0). Default " + Defaults.PPO_KL_COEF + ".")
    double klCoef,
    @OptionalKey
    @JsonPropertyDescription("When set (> 0), the KL coefficient adapts toward this KL (Ziegler et al. controller).")
    Double targetKl,
    @OptionalKey
    @JsonPropertyDescription("Horizon of the adaptive KL controller (> 0). Default " + Defaults.PPO_KL_HORIZON + ".")
    Double klHorizon,
    @OptionalKey
    @JsonPropertyDescription("KL estimator: k1 (log ratio) or k3. Default k1 (Defaults.PPO_KL_ESTIMATOR).")
    KlEstimator klEstimator,
    @JsonPropertyDescription("Policy ratio clip epsilon (> 0). Default " + Defaults.PPO_CLIP_RANGE + ".")
    double clipRange,
    @JsonPropertyDescription("Value clip epsilon (> 0). Default " + Defaults.PPO_VALUE_CLIP_RANGE + ".")
    double valueClipRange,
    @JsonPropertyDescription("Discount, in [0, 1]. Default " + Defaults.PPO_GAMMA + ".")
    double gamma,
    @JsonPropertyDescription("GAE lambda, in [0, 1]. Default " + Defaults.PPO_LAMBDA + ".")
    double lambda,
    @JsonPropertyDescription("Optimisation passes over each rollout batch (> 0). Default " + Defaults.PPO_EPOCHS + ".")
    int epochs,
    @JsonPropertyDescription("Prompts per rollout batch (> 0). Default " + Defaults.PPO_ROLLOUT_BATCH_SIZE + ".")
    int rolloutBatchSize,
    @JsonPropertyDescription("Longest completion sampled in rollouts (> 0). Default " + Defaults.PPO_MAX_NEW_TOKENS + ".")
    int maxNewTokens,
    @JsonPropertyDescription("Sampling temperature for rollouts (> 0). Default " + Defaults.PPO_TEMPERATURE + ".")
    double temperature,
    @OptionalKey
    @JsonPropertyDescription("Learning rate of the value model (> 0). Default: training.learningRate.")
    Double valueLearningRate,
    @OptionalKey
    @JsonPropertyDescription("Seconds without contact after which a Split role gives its peer up (exit 3). Default "
        + Defaults.PPO_PEER_TIMEOUT_SECONDS + ".")
    Double peerTimeoutSeconds,
    @OptionalKey
    @JsonPropertyDescription("Seconds the actor waits for the critic to come up (the critic waits twice this for the actor). Default "
        + Defaults.PPO_STARTUP_TIMEOUT_SECONDS + ".")
    Double startupTimeoutSeconds) {

  /** Where the critic runs. */
  public enum Topology { Split, Colocated }

  /** How the per-token KL is estimated. */
  public enum KlEstimator { k1, k3 }
}
