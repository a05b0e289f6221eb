package dev.alignment.trainer.ppo;

import java.util.OptionalDouble;

/**
 * The KL penalty coefficient: fixed, or adaptive toward a target KL (Ziegler et al. 2019): after each batch,
 * e = clip(KL / target - 1, -0.2, 0.2) and coef <- coef * (1 + e * n / horizon), n the batch's rollouts.
 */
public final class KlController {
  private static final double MAX_ERROR = 0.2;

  private final OptionalDouble target;
  private final double horizon;
  private double coef;

  public KlController(double initialCoef, OptionalDouble target, double horizon) {
    this.coef = initialCoef;
    this.target = target;
    this.horizon = horizon;
  }

  public double coef() {
    return coef;
  }

  /** Moves the coefficient after a batch of {@code rollouts} whose mean sequence KL was {@code kl}. */
  public void update(double kl, int rollouts) {
    if (target.isPresent()) {
      double error = Math.max(-MAX_ERROR, Math.min(MAX_ERROR, kl / target.getAsDouble() - 1));
      coef *= 1 + error * rollouts / horizon;
    }
  }

  /** Continues from a checkpoint's coefficient. */
  public void restore(double savedCoef) {
    coef = savedCoef;
  }
}
