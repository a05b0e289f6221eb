package dev.alignment.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alignment.api.v1alpha1.AlignmentRun;
import dev.alignment.api.v1alpha1.AlignmentRunStatus;
import dev.alignment.api.v1alpha1.Results;
import dev.alignment.operator.Fixtures;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunResultsCollectorTest {
  private final List<AlignmentRun> runs = new ArrayList<>();
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  RunResultsCollectorTest() {
    registry.getPrometheusRegistry().register(new RunResultsCollector(() -> List.copyOf(runs).stream()));
  }

  @Test
  void eachSetResultOfEachRunIsOneSeriesUntilTheRunIsGone() {
    AlignmentRun evaluated = Fixtures.dpoRun("evaluated");
    evaluated.setStatus(new AlignmentRunStatus());
    evaluated.getStatus().results = new Results();
    evaluated.getStatus().results.winRate = 0.93;
    evaluated.getStatus().results.kl = 8.7;
    runs.add(evaluated);
    runs.add(Fixtures.dpoRun("still-training"));

    assertThat(series()).containsExactlyInAnyOrder(
        "alignment_run_result{algorithm=\"DPO\",name=\"winRate\",namespace=\"team-a\",run=\"evaluated\"} 0.93",
        "alignment_run_result{algorithm=\"DPO\",name=\"kl\",namespace=\"team-a\",run=\"evaluated\"} 8.7");

    runs.remove(evaluated);
    assertThat(series()).isEmpty();
  }

  private List<String> series() {
    return registry.scrape().lines().filter(line -> line.startsWith(RunResultsCollector.NAME + "{")).toList();
  }
}
