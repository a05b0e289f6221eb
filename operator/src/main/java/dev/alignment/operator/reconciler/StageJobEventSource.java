package dev.alignment.operator.reconciler;

import dev.alignment.operator.job.CachedViews;
import dev.alignment.operator.job.JobLabels;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;

/**
 * Watches the stage Jobs a kind owns (by label), mapped to their owner through owner references, caching only what
 * the planner reads of them.
 */
final class StageJobEventSource {
  private StageJobEventSource() {}

  static <P extends HasMetadata> InformerEventSource<Job, P> of(EventSourceContext<P> context) {
    String kind = HasMetadata.getKind(context.getPrimaryResourceClass());
    return new InformerEventSource<>(
        InformerEventSourceConfiguration.from(Job.class, context.getPrimaryResourceClass())
            .withLabelSelector(JobLabels.selectorFor(kind))
            .withItemStore(new PruningItemStore<>(CachedViews::job))
            .build(),
        context);
  }
}
