package dev.alignment.trainer.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Progress reaches stdout and the Prometheus endpoint, labelled with namespace, owner and stage; closing waits for a
 * full scrape of the last values when something scrapes the endpoint, and only then.
 */
@Timeout(120)
class TrainerMetricsTest {
  private static final Duration LONG = Duration.ofMinutes(10);
  private static final String PROBE_QUERY = "?name%5B%5D=alignment_trainer_step&name%5B%5D=alignment_trainer_total_steps";
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void progressIsPrintedAndServedOnMetrics() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AtomicLong nanos = new AtomicLong();
    try (TrainerMetrics metrics = TrainerMetrics.start(0, "team-a", "quickstart", "dpo")) {
      ProgressReporter progress = new ProgressReporter(new PrintStream(out, true, StandardCharsets.UTF_8), metrics, nanos::get);
      progress.begin(1, 40);
      nanos.set(2_000_000_000L);
      progress.step(20, 40, Map.of("loss", 0.5, "rewards/accuracies", 0.75), 10_000);
      progress.warn("entropy_collapse", "entropy is low");
      progress.warn("entropy_collapse", "entropy is low again");

      String body = scrape(metrics, "");

      String labels = "namespace=\"team-a\",owner=\"quickstart\",stage=\"dpo\"";
      assertThat(body).contains("alignment_trainer_step{" + labels + "} 20.0")
          .contains("alignment_trainer_total_steps{" + labels + "} 40.0")
          .contains("alignment_trainer_tokens_per_second{" + labels + "} 5000.0")
          .contains("alignment_trainer_eta_seconds{" + labels + "} 2.0")
          .contains("alignment_trainer_metric{name=\"rewards/accuracies\"," + labels + "} 0.75")
          .contains("alignment_trainer_warnings_total{kind=\"entropy_collapse\"," + labels + "} 2.0");
    }
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("step 20/40").contains("loss 0.5000").contains("tokens/s 5000").contains("eta 0:00:02")
        .contains("WARN entropy_collapse: entropy is low");
  }

  @Test
  void closingWaitsForAFullScrapeThatReadsTheLastValues() throws Exception {
    TrainerMetrics metrics = TrainerMetrics.start(0, "team-a", "short", "ppo-actor", LONG);
    metrics.progress(0, 12, 0, 0);
    assertThat(scrape(metrics, "")).doesNotContain("name=\"objective/kl\"");
    metrics.progress(12, 12, 100, 0);
    metrics.values(Map.of("objective/kl", 0.25));

    CompletableFuture<Void> closed = CompletableFuture.runAsync(metrics::close);
    // The operator's progress probe asks for a few series by name; that is no scrape of the last values.
    assertThat(scrape(metrics, PROBE_QUERY)).contains("alignment_trainer_step").doesNotContain("objective/kl");
    await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> !closed.isDone());

    assertThat(scrape(metrics, ""))
        .contains("alignment_trainer_metric{name=\"objective/kl\",namespace=\"team-a\",owner=\"short\",stage=\"ppo-actor\"} 0.25");
    closed.get(1, TimeUnit.MINUTES);
  }

  @Test
  void closingDoesNotWaitWhenNothingScrapedTheEndpointInFull() throws Exception {
    TrainerMetrics metrics = TrainerMetrics.start(0, "team-a", "unwatched", "sft", LONG);
    metrics.progress(3, 3, 10, 0);
    scrape(metrics, PROBE_QUERY);
    CompletableFuture.runAsync(metrics::close).get(1, TimeUnit.MINUTES);
  }

  @Test
  void closingDoesNotWaitWhenTheLastValuesWereScrapedAlready() throws Exception {
    TrainerMetrics metrics = TrainerMetrics.start(0, "team-a", "watched", "sft", LONG);
    metrics.progress(3, 3, 10, 0);
    scrape(metrics, "");
    CompletableFuture.runAsync(metrics::close).get(1, TimeUnit.MINUTES);
  }

  @Test
  void closingWaitsNoLongerThanItsLimit() throws Exception {
    TrainerMetrics metrics = TrainerMetrics.start(0, "team-a", "scraper-gone", "sft", Duration.ofMillis(200));
    scrape(metrics, "");
    metrics.progress(3, 3, 10, 0);
    CompletableFuture.runAsync(metrics::close).get(1, TimeUnit.MINUTES);
  }

  private String scrape(TrainerMetrics metrics, String query) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + metrics.port() + "/metrics" + query)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }
}
