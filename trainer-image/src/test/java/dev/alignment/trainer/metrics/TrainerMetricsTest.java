package dev.alignment.trainer.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Progress reaches stdout and the Prometheus endpoint, labelled with namespace, owner and stage. */
class TrainerMetricsTest {
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

      String body = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://localhost:" + metrics.port() + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).body();

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
}
