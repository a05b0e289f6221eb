package dev.alignment.trainer.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.util.Map;

/**
 * The trainer's Prometheus metrics, served on {@code /metrics} while a stage runs. Every series carries the labels
 * namespace, owner and stage; training values (loss, rewards/accuracies, ...) share one gauge with a {@code name} label,
 * and the training monitors' warnings one counter with a {@code kind} label.
 */
public final class TrainerMetrics implements AutoCloseable {
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final String[] labels;
  private final Gauge step;
  private final Gauge totalSteps;
  private final Gauge tokensPerSecond;
  private final Gauge etaSeconds;
  private final Gauge value;
  private final Counter warnings;
  private final HTTPServer server;

  private TrainerMetrics(int port, String namespace, String owner, String stage) throws IOException {
    labels = new String[] {namespace, owner, stage};
    step = gauge("alignment_trainer_step", "Last completed training step");
    totalSteps = gauge("alignment_trainer_total_steps", "Steps this stage runs");
    tokensPerSecond = gauge("alignment_trainer_tokens_per_second", "Training or generation throughput");
    etaSeconds = gauge("alignment_trainer_eta_seconds", "Estimated seconds until the stage finishes");
    value = Gauge.builder().name("alignment_trainer_metric").help("Latest value of a training or evaluation metric")
        .labelNames("namespace", "owner", "stage", "name").register(registry);
    warnings = Counter.builder().name("alignment_trainer_warnings_total")
        .help("Warnings of the training monitors (negative_kl, entropy_collapse, length_runaway)")
        .labelNames("namespace", "owner", "stage", "kind").register(registry);
    server = port < 0 ? null : HTTPServer.builder().port(port).registry(registry).buildAndStart();
  }

  /** Starts serving on {@code port} (0 picks a free port; negative serves nothing). */
  public static TrainerMetrics start(int port, String namespace, String owner, String stage) throws IOException {
    return new TrainerMetrics(port, namespace, owner, stage);
  }

  private Gauge gauge(String name, String help) {
    return Gauge.builder().name(name).help(help).labelNames("namespace", "owner", "stage").register(registry);
  }

  public void progress(int currentStep, int total, double throughput, double eta) {
    step.labelValues(labels).set(currentStep);
    totalSteps.labelValues(labels).set(total);
    tokensPerSecond.labelValues(labels).set(throughput);
    etaSeconds.labelValues(labels).set(eta);
  }

  public void values(Map<String, Double> metrics) {
    metrics.forEach((name, v) -> value.labelValues(labels[0], labels[1], labels[2], name).set(v));
  }

  public void warning(String kind) {
    warnings.labelValues(labels[0], labels[1], labels[2], kind).inc();
  }

  /** The port actually bound, or -1 when not serving. */
  public int port() {
    return server == null ? -1 : server.getPort();
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
  }
}
