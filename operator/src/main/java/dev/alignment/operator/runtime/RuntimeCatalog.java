package dev.alignment.operator.runtime;

import dev.alignment.api.v1alpha1.TrainerRuntime;
import dev.alignment.operator.config.OperatorConfig;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The trainer runtimes a resource may run on: the TrainerRuntime objects in the informer cache, and the runtimes the
 * operator is configured with.
 *
 * @param found TrainerRuntimes by name
 * @param defaultRuntime the runtime of a resource that names none
 * @param trainerImage the operator's trainer image, which a configured runtime without an object runs
 */
public record RuntimeCatalog(Map<String, TrainerRuntime> found, String trainerImage) {
  public RuntimeCatalog {
    found = Map.copyOf(found);
  }

  public static RuntimeCatalog of(Collection<TrainerRuntime> found, OperatorConfig config) {
    return new RuntimeCatalog(
        found.stream().collect(Collectors.toMap(r -> r.getMetadata().getName(), r -> r, (a, b) -> a)),
        config.trainerImage());
  }

  /**
   * The runtime of this name. One the operator's config names (not a spec) falls back to the operator's trainer
   * image when no object has its name, so installs without runtime objects work as before; one a spec names must
   * exist.
   */
  Optional<RuntimeProfile> lookup(String name, boolean namedBySpec) {
    TrainerRuntime runtime = found.get(name);
    if (runtime != null && runtime.getSpec() != null) {
      return Optional.of(RuntimeProfile.of(runtime));
    }
    return namedBySpec ? Optional.empty() : Optional.of(RuntimeProfile.fallback(name, trainerImage));
  }
}
