package dev.alignment.contract;

/** The Prometheus series a trainer serves on {@link Defaults#METRICS_PORT} at {@code /metrics} while it runs. */
public final class MetricNames {
  /** Gauge: last completed training step; the operator copies it into the run's progress. */
  public static final String STEP = "alignment_trainer_step";
  /** Gauge: steps this stage runs. */
  public static final String TOTAL_STEPS = "alignment_trainer_total_steps";
  /** Gauge: training or generation throughput. */
  public static final String TOKENS_PER_SECOND = "alignment_trainer_tokens_per_second";
  /** Gauge: estimated seconds until the stage finishes. */
  public static final String ETA_SECONDS = "alignment_trainer_eta_seconds";
  /** Gauge with a {@code name} label: the latest value of a training or evaluation metric. */
  public static final String METRIC = "alignment_trainer_metric";
  /** Counter with a {@code kind} label: warnings of the training monitors. */
  public static final String WARNINGS_TOTAL = "alignment_trainer_warnings_total";
  /** The path the metrics are served at. */
  public static final String PATH = "/metrics";

  private MetricNames() {}
}
