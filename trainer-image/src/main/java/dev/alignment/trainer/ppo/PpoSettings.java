package dev.alignment.trainer.ppo;

import dev.alignment.contract.Defaults;
import dev.alignment.contract.PpoBlock;
import dev.alignment.contract.TrainingBlock;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The {@code ppo} block of a PPO config (both the actor and the critic read it), its optional keys resolved to the
 * contract's {@link Defaults}; the KL coefficient adapts toward {@code targetKl} when that is set.
 */
public record PpoSettings(
    PpoBlock.Topology topology,
    double klCoef,
    OptionalDouble targetKl,
    double klHorizon,
    KlEstimator klEstimator,
    double clipRange,
    double valueClipRange,
    double gamma,
    double lambda,
    int epochs,
    int rolloutBatchSize,
    int maxNewTokens,
    double temperature,
    float valueLearningRate,
    double maxGradNorm,
    Duration peerTimeout,
    Duration startupTimeout) {

  /** The training block gives {@code maxGradNorm} and the value model's learning rate unless the PPO block sets one. */
  public static PpoSettings from(PpoBlock p, TrainingBlock training) {
    return new PpoSettings(
        p.topology(),
        p.klCoef(),
        p.targetKl() == null ? OptionalDouble.empty() : OptionalDouble.of(p.targetKl()),
        Objects.requireNonNullElse(p.klHorizon(), Defaults.PPO_KL_HORIZON),
        Objects.requireNonNullElse(p.klEstimator(), Defaults.PPO_KL_ESTIMATOR) == PpoBlock.KlEstimator.k3 ? KlEstimator.K3 : KlEstimator.K1,
        p.clipRange(),
        p.valueClipRange(),
        p.gamma(),
        p.lambda(),
        p.epochs(),
        p.rolloutBatchSize(),
        p.maxNewTokens(),
        p.temperature(),
        (float) Objects.requireNonNullElse(p.valueLearningRate(), training.learningRate()).doubleValue(),
        training.maxGradNorm(),
        seconds(Objects.requireNonNullElse(p.peerTimeoutSeconds(), Defaults.PPO_PEER_TIMEOUT_SECONDS)),
        seconds(Objects.requireNonNullElse(p.startupTimeoutSeconds(), Defaults.PPO_STARTUP_TIMEOUT_SECONDS)));
  }

  private static Duration seconds(double seconds) {
    return Duration.ofMillis(Math.round(1000 * seconds));
  }
}
