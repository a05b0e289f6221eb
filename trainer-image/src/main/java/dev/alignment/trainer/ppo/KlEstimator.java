package dev.alignment.trainer.ppo;

/** Per-token estimators of KL(pi || pi_ref) from a token sampled from pi (Schulman's k1 and k3). */
public enum KlEstimator {
  /** log pi - log pi_ref: unbiased, can be negative per token. */
  K1,
  /** (exp(u) - 1) - u with u = log pi_ref - log pi: unbiased and never negative, lower variance near pi_ref. */
  K3;

  public double estimate(double logProb, double referenceLogProb) {
    return switch (this) {
      case K1 -> logProb - referenceLogProb;
      case K3 -> {
        double u = referenceLogProb - logProb;
        yield Math.expm1(u) - u;
      }
    };
  }
}
