package dev.alignment.trainer.training;

import java.util.Arrays;

/** Element-wise helpers over per-sample values. */
public final class Vectors {
  private Vectors() {}

  public static double[] difference(double[] a, double[] b) {
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i] - b[i];
    }
    return out;
  }

  public static double mean(double[] values) {
    return Arrays.stream(values).average().orElse(Double.NaN);
  }

  /** Share of values strictly above {@code threshold}. */
  public static double shareAbove(double[] values, double threshold) {
    return values.length == 0 ? Double.NaN : (double) Arrays.stream(values).filter(v -> v > threshold).count() / values.length;
  }
}
