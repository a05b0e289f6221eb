package dev.alignment.trainer.stage;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import dev.alignment.trainer.base.BadInputException;
import dev.alignment.trainer.model.Scalars;
import java.util.Locale;

/**
 * The DPO family's per-pair loss of h = [log pi(y_w) - log pi_ref(y_w)] - [log pi(y_l) - log pi_ref(y_l)], with
 * log pi the sum of the completion's token log-probabilities (for all three variants).
 */
public enum PreferenceLoss {
  /** -log sigma(beta h) (Rafailov et al. 2023). */
  DPO,
  /** (h - 1 / (2 beta))^2 (Azar et al. 2023). */
  IPO,
  /** -(1 - eps) log sigma(beta h) - eps log sigma(-beta h): DPO with label smoothing eps (conservative DPO). */
  CDPO;

  public static PreferenceLoss parse(String name) {
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BadInputException("unknown loss '" + name + "' (known: DPO, IPO, CDPO)");
    }
  }

  /** The loss of each pair, (B); {@code labelSmoothing} is used by CDPO only. */
  public NDArray loss(NDArray h, double beta, double labelSmoothing) {
    NDArray scaled = h.mul(Scalars.of(h, beta));
    return switch (this) {
      case DPO -> negativeLogSigmoid(scaled);
      case IPO -> h.sub(1 / (2 * beta)).square();
      case CDPO -> negativeLogSigmoid(scaled).mul(Scalars.of(h, 1 - labelSmoothing))
          .add(negativeLogSigmoid(scaled.neg()).mul(Scalars.of(h, labelSmoothing)));
    };
  }

  /** -log sigma(x) = softplus(-x), computed stably by the engine. */
  static NDArray negativeLogSigmoid(NDArray x) {
    return Activation.softPlus(x.neg());
  }
}
