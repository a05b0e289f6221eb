package dev.alignment.operator.runtime;

import dev.alignment.api.v1alpha1.Launcher;
import dev.alignment.api.v1alpha1.ResourceRequest;
import dev.alignment.operator.stage.Launch;
import dev.alignment.operator.stage.Readiness;
import dev.alignment.operator.stage.StageRole;
import dev.alignment.operator.stage.StageSpec;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Gives every role of a resource's stages its {@link Launch}, from the runtime it runs on (see
 * {@link RuntimeSelection}). Pure. What the runtime cannot run (a command or algorithm it does not support, several
 * pods under a launcher of one) is an IllegalArgumentException naming the field and the runtime, so the resource
 * fails as an invalid spec before any Job exists; a runtime the spec names that does not exist is a wait.
 */
public final class LaunchResolver {
  private LaunchResolver() {}

  /**
   * @param finished stages that already succeeded or failed: they start no Job again, so they are left as they are,
   *     and a runtime changed or removed since cannot fail or hold what is already done
   */
  public static Resolution resolve(RuntimeSelection selection, List<StageSpec> stages, Set<String> finished,
      RuntimeCatalog catalog) {
    boolean ownNeeded = stages.stream()
        .anyMatch(s -> !finished.contains(s.name()) && !selection.referenceStages().contains(s.name()));
    Optional<RuntimeProfile> own = catalog.lookup(selection.runtime(), selection.namedBySpec());
    if (ownNeeded && own.isEmpty()) {
      return Resolution.missing(stages, selection.runtime());
    }
    if (ownNeeded && selection.algorithm() != null && !own.get().algorithms().contains(selection.algorithm())) {
      throw new IllegalArgumentException("spec.algorithm: " + selection.describe() + " does not support algorithm "
          + selection.algorithm() + " (supports " + RuntimeProfile.list(own.get().algorithms()) + ")");
    }
    return new Resolution(stages.stream().map(stage -> {
      if (finished.contains(stage.name())) {
        return stage;
      }
      boolean onReference = selection.referenceStages().contains(stage.name());
      // The operator's own runtime: it falls back rather than waits when it has no object.
      RuntimeProfile runtime = onReference ? catalog.lookup(selection.reference(), false).orElseThrow() : own.get();
      String described = onReference ? "runtime " + runtime.name() + " (the operator's evalRuntime)"
          : selection.namedBySpec() ? "spec.runtime: " + selection.describe() : selection.describe();
      // spec.image replaces the resource's runtime's image, wherever that runtime runs.
      String image = selection.image() != null && runtime.name().equals(selection.runtime())
          ? selection.image() : runtime.image();
      return new StageSpec(stage.name(),
          stage.roles().stream().map(role -> launched(role, runtime, described, image, selection.nodesField())).toList(),
          stage.config(), stage.inputConfigMap());
    }).toList(), Readiness.READY);
  }

  private static StageRole launched(StageRole role, RuntimeProfile runtime, String described, String image,
      String nodesField) {
    if (!runtime.commands().contains(role.command())) {
      throw new IllegalArgumentException(described + " does not support command " + role.command()
          + " (supports " + RuntimeProfile.list(runtime.commands()) + ")");
    }
    ResourceRequest resources = role.resources();
    int nodes = resources == null || resources.nodes == null ? 1 : resources.nodes;
    if (nodes > 1 && runtime.launcher() != Launcher.Torchrun) {
      throw new IllegalArgumentException(nodesField + ": " + nodes + " pods need a distributed launcher, and "
          + runtime.describe() + " has launcher " + runtime.launcher()
          + " (one process on one pod): pick a runtime whose launcher is Torchrun, or set nodes to 1");
    }
    int gpus = resources == null || resources.gpus == null ? 0 : resources.gpus;
    int processesPerNode = runtime.launcher() == Launcher.Torchrun ? Math.max(1, gpus) : 1;
    return new StageRole(role.name(), role.command(), withDefaults(resources, runtime), role.servicePort(),
        new Launch(runtime.name(), image, runtime.entrypoint(), runtime.launcher(), nodes, processesPerNode, runtime.env()));
  }

  /** The role's compute, its unset cpu and memory taken from the runtime's defaults. */
  private static ResourceRequest withDefaults(ResourceRequest given, RuntimeProfile runtime) {
    if (runtime.resources() == null) {
      return given;
    }
    ResourceRequest merged = new ResourceRequest();
    if (given != null) {
      merged.nodes = given.nodes;
      merged.gpus = given.gpus;
      merged.cpu = given.cpu;
      merged.memory = given.memory;
    }
    merged.cpu = merged.cpu != null ? merged.cpu : runtime.resources().cpu;
    merged.memory = merged.memory != null ? merged.memory : runtime.resources().memory;
    return merged;
  }
}
