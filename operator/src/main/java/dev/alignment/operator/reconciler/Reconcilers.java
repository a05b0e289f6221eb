package dev.alignment.operator.reconciler;

import dev.alignment.operator.config.OperatorConfig;
import dev.alignment.operator.job.ProgressProbe;
import dev.alignment.operator.job.StageJobs;
import dev.alignment.operator.metrics.OperatorMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import java.time.Clock;
import java.util.List;

/** Builds the operator's four reconcilers around one shared stage driver and event recorder. */
public final class Reconcilers {
  private Reconcilers() {}

  public static List<Reconciler<?>> create(
      KubernetesClient client, OperatorConfig config, OperatorMetrics metrics, Clock clock) {
    StageDriver driver = new StageDriver(new StageJobs(client), config, clock);
    EventRecorder events = new EventRecorder(client, clock);
    StatusPublisher publisher = new StatusPublisher(events, metrics);
    return List.of(
        new PreferenceDatasetReconciler(config, driver, publisher, clock),
        new RewardModelReconciler(config, driver, publisher, clock),
        new AlignmentRunReconciler(config, driver, publisher, metrics, new ProgressProbe(client, metrics), clock),
        new AlignmentSweepReconciler(client, events, config, clock));
  }
}
