package dev.alignment.operator.reconciler;

import dev.alignment.api.v1alpha1.AlignmentRun;
import dev.alignment.api.v1alpha1.AlignmentSweep;
import dev.alignment.api.v1alpha1.PreferenceDataset;
import dev.alignment.api.v1alpha1.RewardModel;
import dev.alignment.operator.config.OperatorConfig;
import dev.alignment.operator.decode.DecodeFailures;
import dev.alignment.operator.job.ProgressProbe;
import dev.alignment.operator.job.StageJobs;
import dev.alignment.operator.metrics.OperatorMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/** Builds the operator's four reconcilers around one shared stage driver and event recorder. */
public final class Reconcilers {
  private Reconcilers() {}

  /** The kinds the reconcilers own, each read tolerantly (see {@link dev.alignment.operator.decode.TolerantDecoding}). */
  public static final Set<Class<?>> KINDS =
      Set.of(PreferenceDataset.class, RewardModel.class, AlignmentRun.class, AlignmentSweep.class);

  public static List<Reconciler<?>> create(KubernetesClient client, OperatorConfig config, OperatorMetrics metrics,
      DecodeFailures decodeFailures, Clock clock) {
    EventRecorder events = new EventRecorder(client, clock);
    StageDriver driver = new StageDriver(config, StageJobs.discover(client), new StatusPublisher(events, metrics), clock);
    ReconcileErrors errors = new ReconcileErrors(events, metrics, decodeFailures, clock);
    return List.of(
        new PreferenceDatasetReconciler(driver, errors),
        new RewardModelReconciler(driver, errors),
        new AlignmentRunReconciler(driver, errors, metrics, new ProgressProbe(metrics)),
        new AlignmentSweepReconciler(client, events, errors, config, clock));
  }
}
