package dev.alignment.trainer.metrics;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/** Turns step events into progress lines on stdout (step, loss, tokens/s, ETA) and into the Prometheus gauges. */
public final class ProgressReporter {
  private static final int LINES_PER_STAGE = 20;

  private final PrintStream out;
  private final TrainerMetrics metrics;
  private final LongSupplier nanoTime;
  private long startNanos;
  private int startStep;
  private long tokensSinceStart;

  public ProgressReporter(PrintStream out, TrainerMetrics metrics, LongSupplier nanoTime) {
    this.out = out;
    this.metrics = metrics;
    this.nanoTime = nanoTime;
  }

  /** Marks the start of a loop that runs to {@code totalSteps}, beginning after {@code firstStep - 1} done steps. */
  public void begin(int firstStep, int totalSteps) {
    startNanos = nanoTime.getAsLong();
    startStep = firstStep - 1;
    tokensSinceStart = 0;
    metrics.progress(startStep, totalSteps, 0, 0);
  }

  /** Records a finished step with its values and the tokens it processed. */
  public void step(int step, int totalSteps, Map<String, Double> values, long tokens) {
    tokensSinceStart += tokens;
    double seconds = Math.max(1e-9, (nanoTime.getAsLong() - startNanos) / 1e9);
    double throughput = tokensSinceStart / seconds;
    double eta = seconds / (step - startStep) * (totalSteps - step);
    metrics.progress(step, totalSteps, throughput, eta);
    metrics.values(values);
    int every = Math.max(1, totalSteps / LINES_PER_STAGE);
    if (step % every == 0 || step == totalSteps || step == startStep + 1) {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "step %d/%d", step, totalSteps));
      values.forEach((name, v) -> line.append(String.format(Locale.ROOT, " %s %.4f", name, v)));
      line.append(String.format(Locale.ROOT, " tokens/s %.0f eta %s", throughput, duration(eta)));
      out.println(line);
    }
  }

  /** Reports final values without a step (evaluation results, dataset counts). */
  public void values(Map<String, Double> values) {
    metrics.values(values);
  }

  public void note(String message) {
    out.println(message);
  }

  /** A training monitor's warning: a {@code WARN} line and one more on the warnings counter of {@code kind}. */
  public void warn(String kind, String message) {
    out.println("WARN " + kind + ": " + message);
    metrics.warning(kind);
  }

  private static String duration(double seconds) {
    long s = Math.round(seconds);
    return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
  }
}
