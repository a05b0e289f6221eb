package dev.alignment.operator.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.PrimaryToSecondaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Event sources for resources referenced by name from a primary's spec (a run's PreferenceDataset, say): an
 * index on the primary cache maps a changed referenced resource back to every primary that names it, so a
 * dataset becoming Ready wakes the runs waiting for it.
 */
final class ReferenceEventSources {
  private ReferenceEventSources() {}

  static <S extends HasMetadata, P extends CustomResource<?, ?>> InformerEventSource<S, P> byName(
      EventSourceContext<P> context, Class<S> referenced, Function<P, List<String>> namesInSpec) {
    return byName(context, referenced, namesInSpec, primary -> primary.getMetadata().getNamespace(),
        InformerEventSourceConfiguration.from(referenced, context.getPrimaryResourceClass()));
  }

  /**
   * The same for a cluster-scoped kind (a TrainerRuntime): watched cluster-wide whatever namespaces the controller
   * watches, and mapped back to the primaries of every namespace that name it.
   */
  static <S extends HasMetadata, P extends CustomResource<?, ?>> InformerEventSource<S, P> clusterScopedByName(
      EventSourceContext<P> context, Class<S> referenced, Function<P, List<String>> namesInSpec) {
    return byName(context, referenced, namesInSpec, primary -> null,
        InformerEventSourceConfiguration.from(referenced, context.getPrimaryResourceClass())
            .withWatchAllNamespaces().withFollowControllerNamespacesChanges(false));
  }

  private static <S extends HasMetadata, P extends CustomResource<?, ?>> InformerEventSource<S, P> byName(
      EventSourceContext<P> context, Class<S> referenced, Function<P, List<String>> namesInSpec,
      Function<P, String> namespaceOf, InformerEventSourceConfiguration.Builder<S> configuration) {
    // A primary whose spec could not be read references nothing.
    Function<P, List<String>> names = primary -> primary.getSpec() == null ? List.of() : namesInSpec.apply(primary);
    String index = context.getPrimaryResourceClass().getSimpleName() + "-by-" + referenced.getSimpleName();
    context.getPrimaryCache().addIndexers(Map.of(index, primary -> names.apply(primary).stream()
        .map(name -> key(name, namespaceOf.apply(primary))).toList()));
    SecondaryToPrimaryMapper<S> toPrimaries = resource -> context.getPrimaryCache()
        .byIndex(index, key(resource.getMetadata().getName(), resource.getMetadata().getNamespace())).stream()
        .map(ResourceID::fromResource).collect(Collectors.toSet());
    PrimaryToSecondaryMapper<P> toReferenced = primary -> names.apply(primary).stream()
        .map(name -> new ResourceID(name, namespaceOf.apply(primary))).collect(Collectors.toSet());
    return new InformerEventSource<>(
        configuration
            .withSecondaryToPrimaryMapper(toPrimaries)
            .withPrimaryToSecondaryMapper(toReferenced)
            .build(),
        context);
  }

  /** Found referenced resources, keyed by name. */
  static <S extends HasMetadata> Map<String, S> indexByName(Set<S> found) {
    return found.stream().collect(Collectors.toMap(r -> r.getMetadata().getName(), r -> r, (a, b) -> a));
  }

  private static String key(String name, String namespace) {
    return namespace + "/" + name;
  }
}
