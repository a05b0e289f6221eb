package dev.alignment.trainer.ppo;

/** Generalised advantage estimation over one rollout's completion tokens, and whitening across a batch. */
public final class Advantages {
  private static final double WHITEN_EPSILON = 1e-8;

  private Advantages() {}

  /** One rollout's advantages A_t and returns R_t = A_t + V_t, per completion token. */
  public record Estimate(double[] advantages, double[] returns) {}

  /**
   * delta_t = r_t + gamma V_{t+1} - V_t, with V after the last token 0; A_t = delta_t + gamma lambda A_{t+1}
   * (Schulman et al. 2016), computed backwards from the last token.
   */
  public static Estimate gae(double[] rewards, double[] values, double gamma, double lambda) {
    int length = rewards.length;
    double[] advantages = new double[length];
    double[] returns = new double[length];
    double next = 0;
    for (int t = length - 1; t >= 0; t--) {
      double nextValue = t + 1 < length ? values[t + 1] : 0;
      double delta = rewards[t] + gamma * nextValue - values[t];
      next = delta + gamma * lambda * next;
      advantages[t] = next;
      returns[t] = next + values[t];
    }
    return new Estimate(advantages, returns);
  }

  /**
   * (x - mean) / sqrt(var + 1e-8) over every token of the batch, with the unbiased (n - 1) variance, as TRL's
   * masked_whiten; a batch of one token has variance 0.
   */
  public static double[][] whiten(double[][] values) {
    long count = 0;
    double sum = 0;
    for (double[] row : values) {
      for (double v : row) {
        sum += v;
        count++;
      }
    }
    double mean = count == 0 ? 0 : sum / count;
    double squares = 0;
    for (double[] row : values) {
      for (double v : row) {
        squares += (v - mean) * (v - mean);
      }
    }
    double scale = 1 / Math.sqrt((count > 1 ? squares / (count - 1) : 0) + WHITEN_EPSILON);
    double[][] out = new double[values.length][];
    for (int i = 0; i < values.length; i++) {
      out[i] = new double[values[i].length];
      for (int t = 0; t < values[i].length; t++) {
        out[i][t] = (values[i][t] - mean) * scale;
      }
    }
    return out;
  }
}
