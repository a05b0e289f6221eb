package dev.alignment.trainer.ppo;

import dev.alignment.trainer.StageConfig;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The {@code ppo} block of a PPO config (both the actor and the critic read it). Defaults are the common ones:
 * clip 0.2, value clip 0.2, gamma 1, lambda 0.95, 4 epochs, KL coefficient 0.05 (adaptive toward {@code targetKl}
 * with horizon 10000 when that is set), k1 KL estimator.
 */
public record PpoSettings(
    Topology topology,
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

  /** Split: actor and critic in two processes, talking HTTP. Colocated: one process holds all four models. */
  public enum Topology { Split, Colocated }

  /** {@code learningRate} and {@code maxGradNorm} from the stage's training block: the policy's, and the critic's by default. */
  public static PpoSettings from(StageConfig config, float learningRate, double maxGradNorm) {
    StageConfig p = config.object("ppo");
    String topology = p.optString("topology").orElse("Split");
    String estimator = p.optString("klEstimator").orElse("k1");
    OptionalDouble targetKl = p.optNumber("targetKl").map(OptionalDouble::of).orElse(OptionalDouble.empty());
    if (targetKl.isPresent() && !(targetKl.getAsDouble() > 0)) {
      throw p.invalid("targetKl", "must be > 0, got " + targetKl.getAsDouble());
    }
    return new PpoSettings(
        switch (topology) {
          case "Split" -> Topology.Split;
          case "Colocated" -> Topology.Colocated;
          default -> throw p.invalid("topology", "must be Split or Colocated, got '" + topology + "'");
        },
        atLeast(p, "klCoef", 0.05, 0),
        targetKl,
        positive(p, "klHorizon", 10000),
        switch (estimator.toLowerCase(Locale.ROOT)) {
          case "k1" -> KlEstimator.K1;
          case "k3" -> KlEstimator.K3;
          default -> throw p.invalid("klEstimator", "must be k1 or k3, got '" + estimator + "'");
        },
        positive(p, "clipRange", 0.2),
        positive(p, "valueClipRange", 0.2),
        unit(p, "gamma", 1.0),
        unit(p, "lambda", 0.95),
        p.has("epochs") ? p.positive("epochs") : 4,
        p.has("rolloutBatchSize") ? p.positive("rolloutBatchSize") : 32,
        p.has("maxNewTokens") ? p.positive("maxNewTokens") : 16,
        positive(p, "temperature", 1.0),
        (float) positive(p, "valueLearningRate", learningRate),
        maxGradNorm,
        Duration.ofMillis(Math.round(1000 * positive(p, "peerTimeoutSeconds", 15))),
        Duration.ofMillis(Math.round(1000 * positive(p, "startupTimeoutSeconds", 300))));
  }

  private static double positive(StageConfig p, String key, double fallback) {
    double value = p.number(key, fallback);
    if (!(value > 0)) {
      throw p.invalid(key, "must be > 0, got " + value);
    }
    return value;
  }

  private static double atLeast(StageConfig p, String key, double fallback, double min) {
    double value = p.number(key, fallback);
    if (!(value >= min)) {
      throw p.invalid(key, "must be >= " + min + ", got " + value);
    }
    return value;
  }

  private static double unit(StageConfig p, String key, double fallback) {
    double value = p.number(key, fallback);
    if (!(value >= 0 && value <= 1)) {
      throw p.invalid(key, "must be in [0, 1], got " + value);
    }
    return value;
  }
}
