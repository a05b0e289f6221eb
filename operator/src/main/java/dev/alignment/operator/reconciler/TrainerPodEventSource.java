package dev.alignment.operator.reconciler;

import dev.alignment.api.v1alpha1.AlignmentRun;
import dev.alignment.operator.job.CachedViews;
import dev.alignment.operator.job.JobLabels;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Set;

/**
 * Watches the trainer pods of runs (by the labels their Jobs give them) and maps each to its run by the owner
 * label, so live progress is read from pods the operator already knows about: no pod list per run and interval.
 */
final class TrainerPodEventSource {
  private TrainerPodEventSource() {}

  static InformerEventSource<Pod, AlignmentRun> of(EventSourceContext<AlignmentRun> context) {
    return new InformerEventSource<>(
        InformerEventSourceConfiguration.from(Pod.class, AlignmentRun.class)
            .withName("trainer-pods")
            .withLabelSelector(JobLabels.selectorFor(HasMetadata.getKind(AlignmentRun.class)))
            .withItemStore(new PruningItemStore<>(CachedViews::pod))
            .withSecondaryToPrimaryMapper(pod -> {
              String run = pod.getMetadata().getLabels().get(JobLabels.OWNER);
              return run == null ? Set.of() : Set.of(new ResourceID(run, pod.getMetadata().getNamespace()));
            })
            .build(),
        context);
  }
}
