package dev.alignment.operator.runtime;

import dev.alignment.api.v1alpha1.Algorithm;
import dev.alignment.api.v1alpha1.EnvVariable;
import dev.alignment.api.v1alpha1.Launcher;
import dev.alignment.api.v1alpha1.RuntimeResources;
import dev.alignment.api.v1alpha1.TrainerRuntime;
import dev.alignment.api.v1alpha1.TrainerRuntimeSpec;
import dev.alignment.contract.TrainerCommand;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A trainer runtime as the resolver reads it: a TrainerRuntime object with its defaults filled in, or the fallback
 * of an operator whose configured runtime has no object (today's trainer image, one process, every command).
 *
 * @param name the runtime's name
 * @param image the runtime's image (the operator's trainerImage for the fallback)
 * @param entrypoint the command each container runs
 * @param launcher how the entrypoint starts in each pod
 * @param commands the trainer commands it implements, in the order it lists them
 * @param algorithms the algorithms it implements
 * @param resources its default cpu and memory per pod; null when it sets none
 * @param env its environment variables
 */
record RuntimeProfile(String name, String image, List<String> entrypoint, Launcher launcher, Set<String> commands,
    Set<Algorithm> algorithms, RuntimeResources resources, List<EnvVariable> env) {

  static RuntimeProfile of(TrainerRuntime runtime) {
    TrainerRuntimeSpec spec = runtime.getSpec();
    return new RuntimeProfile(
        runtime.getMetadata().getName(),
        spec.image,
        spec.command == null || spec.command.isEmpty() ? List.of(TrainerRuntimeSpec.DEFAULT_COMMAND) : List.copyOf(spec.command),
        spec.launcher == null ? Launcher.Single : spec.launcher,
        spec.commands == null ? Set.of() : new LinkedHashSet<>(spec.commands),
        spec.algorithms == null || spec.algorithms.isEmpty() ? Set.of() : EnumSet.copyOf(spec.algorithms),
        spec.resources,
        spec.env == null ? List.of() : spec.env.stream().map(e -> new EnvVariable(e.name, e.value)).toList());
  }

  /** The configured runtime {@code name}, absent from the cluster: the operator's own trainer image, as before runtimes. */
  static RuntimeProfile fallback(String name, String trainerImage) {
    return new RuntimeProfile(name, trainerImage, List.of(TrainerRuntimeSpec.DEFAULT_COMMAND), Launcher.Single,
        Arrays.stream(TrainerCommand.values()).map(TrainerCommand::command).collect(Collectors.toCollection(LinkedHashSet::new)),
        EnumSet.allOf(Algorithm.class), null, List.of());
  }

  /** How messages name it: {@code runtime trl}. */
  String describe() {
    return "runtime " + name;
  }

  /** What it supports, for messages: {@code sft, dpo}. */
  static String list(Set<?> supported) {
    return supported.isEmpty() ? "none" : supported.stream().map(Objects::toString).collect(Collectors.joining(", "));
  }
}
