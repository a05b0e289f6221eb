package dev.alignment.operator.reconciler;

import dev.alignment.operator.job.CachedViews;
import dev.alignment.operator.job.JobLabels;
import dev.alignment.operator.job.jobset.JobSet;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;

/**
 * Watches the stage JobSets a kind owns (by label), mapped to their owner through owner references, caching only
 * what the planner reads of them; made only where the JobSet API is installed.
 */
final class StageJobSetEventSource {
  private StageJobSetEventSource() {}

  static <P extends HasMetadata> InformerEventSource<JobSet, P> of(EventSourceContext<P> context) {
    String kind = HasMetadata.getKind(context.getPrimaryResourceClass());
    return new InformerEventSource<>(
        InformerEventSourceConfiguration.from(JobSet.class, context.getPrimaryResourceClass())
            .withName("stage-jobsets")
            .withLabelSelector(JobLabels.selectorFor(kind))
            .withItemStore(new PruningItemStore<>(CachedViews::jobSet))
            .build(),
        context);
  }
}
