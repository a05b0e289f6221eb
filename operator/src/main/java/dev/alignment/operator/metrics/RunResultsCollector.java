package dev.alignment.operator.metrics;

import dev.alignment.api.v1alpha1.AlignmentRun;
import dev.alignment.api.v1alpha1.LeaderboardSpec.ResultName;
import dev.alignment.operator.status.ResultValues;
import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * {@code alignment_run_result{namespace, run, algorithm, name}}: every run's {@code status.results}, read from the
 * informer cache at scrape time, so a result stays visible after the eval pod is gone and vanishes with its run.
 */
public final class RunResultsCollector implements Collector {
  static final String NAME = "alignment_run_result";

  private final Supplier<Stream<AlignmentRun>> runs;

  public RunResultsCollector(Supplier<Stream<AlignmentRun>> runs) {
    this.runs = runs;
  }

  @Override
  public MetricSnapshot collect() {
    GaugeSnapshot.Builder gauge = GaugeSnapshot.builder()
        .name(NAME)
        .help("Evaluation results of AlignmentRuns (status.results), by result name");
    runs.get()
        .filter(run -> run.getStatus() != null && run.getStatus().results != null)
        .forEach(run -> {
          for (ResultName name : ResultName.values()) {
            Double value = ResultValues.of(run.getStatus().results, name);
            if (value != null) {
              gauge.dataPoint(GaugeDataPointSnapshot.builder()
                  .labels(Labels.of(
                      "namespace", run.getMetadata().getNamespace(),
                      "run", run.getMetadata().getName(),
                      "algorithm", run.getSpec() == null || run.getSpec().algorithm == null ? "" : run.getSpec().algorithm.name(),
                      "name", name.name()))
                  .value(value)
                  .build());
            }
          }
        });
    return gauge.build();
  }

  @Override
  public String getPrometheusName() {
    return NAME;
  }
}
