package dev.alignment.e2e.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alignment.contract.MetricNames;
import dev.alignment.contract.TrainerCommand;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conformance, while running: the trainer serves the contract's Prometheus metrics on the metrics port, the three
 * progress gauges the operator reads (also when it asks for them by name) and each step's loss.
 */
class ConformanceMetricsIT {
  @TempDir Path dir;

  @Test
  void aTrainingStageServesItsProgressOnTheMetricsPort() {
    Workspace workspace = KitData.workspace(dir);
    // Far more steps than the test waits for: it watches the stage run, then removes it.
    KitConfig config = KitConfig.of(TrainerCommand.SFT).with("training.steps", 100_000);
    ContractSchemas.assertValid(config);

    try (TrainerContainer trainer = TrainerContainer.start(workspace, config, 1, true)) {
      MetricsPage first = trainer.awaitMetrics("", page -> page.value(MetricNames.STEP).orElse(0.0) >= 1);

      assertThat(first.value(MetricNames.TOTAL_STEPS)).hasValue((double) config.steps());
      assertThat(first.value(MetricNames.ETA_SECONDS)).isPresent();
      assertThat(first.value(MetricNames.METRIC, "name", "loss")).isPresent();
      double step = first.value(MetricNames.STEP).orElseThrow();

      // name[]=..., as the operator's progress probe asks (the brackets percent-encoded).
      String byName = "?name%5B%5D=" + MetricNames.STEP + "&name%5B%5D=" + MetricNames.TOTAL_STEPS + "&name%5B%5D=" + MetricNames.ETA_SECONDS;
      MetricsPage later = trainer.awaitMetrics(byName, page -> page.value(MetricNames.STEP).orElse(0.0) > step);
      assertThat(later.value(MetricNames.TOTAL_STEPS)).hasValue((double) config.steps());
      assertThat(later.value(MetricNames.ETA_SECONDS)).isPresent();
    }
  }
}
