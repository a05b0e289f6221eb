package dev.alignment.trainer.metrics;

import com.sun.net.httpserver.HttpServer;
import dev.alignment.contract.MetricNames;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The trainer's Prometheus metrics, served on {@code /metrics} while a stage runs. Every series carries the labels
 * namespace, owner and stage; training values (loss, rewards/accuracies, ...) share one gauge with a {@code name} label,
 * and the training monitors' warnings one counter with a {@code kind} label.
 *
 * <p>A stage shorter than a few scrape intervals would otherwise end between two scrapes, and its last values would
 * never reach Prometheus. So when something has scraped the endpoint in full during the stage, closing waits until a
 * full scrape has answered with the last values, for at most {@link #FINAL_SCRAPE_LIMIT}; with no scraper it does not
 * wait.
 */
public final class TrainerMetrics implements AutoCloseable {
  /** Covers Prometheus' default scrape interval of one minute. */
  public static final Duration FINAL_SCRAPE_LIMIT = Duration.ofSeconds(60);

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final String[] labels;
  private final Gauge step;
  private final Gauge totalSteps;
  private final Gauge tokensPerSecond;
  private final Gauge etaSeconds;
  private final Gauge value;
  private final Counter warnings;
  private final AtomicLong updates = new AtomicLong();
  private final ScrapeWatch scrapes = new ScrapeWatch(new MetricsHandler(registry), updates::get);
  private final Duration finalScrapeLimit;
  private final HttpServer server;
  private final ExecutorService handlers;

  private TrainerMetrics(int port, String namespace, String owner, String stage, Duration finalScrapeLimit) throws IOException {
    labels = new String[] {namespace, owner, stage};
    this.finalScrapeLimit = finalScrapeLimit;
    step = gauge(MetricNames.STEP, "Last completed training step");
    totalSteps = gauge(MetricNames.TOTAL_STEPS, "Steps this stage runs");
    tokensPerSecond = gauge(MetricNames.TOKENS_PER_SECOND, "Training or generation throughput");
    etaSeconds = gauge(MetricNames.ETA_SECONDS, "Estimated seconds until the stage finishes");
    value = Gauge.builder().name(MetricNames.METRIC).help("Latest value of a training or evaluation metric")
        .labelNames("namespace", "owner", "stage", "name").register(registry);
    warnings = Counter.builder().name(MetricNames.WARNINGS_TOTAL)
        .help("Warnings of the training monitors (negative_kl, entropy_collapse, length_runaway)")
        .labelNames("namespace", "owner", "stage", "kind").register(registry);
    if (port < 0) {
      server = null;
      handlers = null;
    } else {
      server = HttpServer.create(new InetSocketAddress(port), 0);
      server.createContext(MetricNames.PATH, scrapes);
      handlers = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "metrics-http");
        t.setDaemon(true);
        return t;
      });
      server.setExecutor(handlers);
      server.start();
    }
  }

  /** Starts serving on {@code port} (0 picks a free port; negative serves nothing). */
  public static TrainerMetrics start(int port, String namespace, String owner, String stage) throws IOException {
    return start(port, namespace, owner, stage, FINAL_SCRAPE_LIMIT);
  }

  /** As {@link #start(int, String, String, String)}, waiting at most {@code finalScrapeLimit} on close. */
  static TrainerMetrics start(int port, String namespace, String owner, String stage, Duration finalScrapeLimit) throws IOException {
    return new TrainerMetrics(port, namespace, owner, stage, finalScrapeLimit);
  }

  private Gauge gauge(String name, String help) {
    return Gauge.builder().name(name).help(help).labelNames("namespace", "owner", "stage").register(registry);
  }

  public void progress(int currentStep, int total, double throughput, double eta) {
    step.labelValues(labels).set(currentStep);
    totalSteps.labelValues(labels).set(total);
    tokensPerSecond.labelValues(labels).set(throughput);
    etaSeconds.labelValues(labels).set(eta);
    updated();
  }

  public void values(Map<String, Double> metrics) {
    metrics.forEach((name, v) -> value.labelValues(labels[0], labels[1], labels[2], name).set(v));
    updated();
  }

  public void warning(String kind) {
    warnings.labelValues(labels[0], labels[1], labels[2], kind).inc();
    updated();
  }

  /** Counted after the values are set, so that a scrape that reads the count also reads the values. */
  private void updated() {
    updates.incrementAndGet();
  }

  /** The port actually bound, or -1 when not serving. */
  public int port() {
    return server == null ? -1 : server.getAddress().getPort();
  }

  @Override
  public void close() {
    if (server != null) {
      awaitFinalScrape();
      server.stop(0);
      handlers.shutdown();
    }
  }

  private void awaitFinalScrape() {
    if (scrapes.fullScrapes() == 0) {
      return;
    }
    try {
      scrapes.awaitAnswered(updates.get(), finalScrapeLimit);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
