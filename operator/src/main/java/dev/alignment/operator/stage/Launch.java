package dev.alignment.operator.stage;

import dev.alignment.api.v1alpha1.EnvVariable;
import dev.alignment.api.v1alpha1.Launcher;
import java.util.List;

/**
 * How a role's trainer is started, resolved from its trainer runtime: which image runs which entrypoint under which
 * launcher, on how many pods.
 *
 * @param runtime name of the TrainerRuntime the role runs on
 * @param image the container image (the runtime's, or the spec's {@code image} override)
 * @param entrypoint the runtime's command; the container runs {@code <entrypoint> <command> --config <file>}
 * @param launcher how the entrypoint is started in each pod
 * @param nodes pods of the role, one process group each; 1 for a single-pod role
 * @param processesPerNode processes per pod ({@code torchrun --nproc-per-node}); 1 under {@link Launcher#Single}
 * @param env the runtime's environment variables, set before the spec's
 */
public record Launch(
    String runtime,
    String image,
    List<String> entrypoint,
    Launcher launcher,
    int nodes,
    int processesPerNode,
    List<EnvVariable> env) {

  public Launch {
    entrypoint = List.copyOf(entrypoint);
    env = List.copyOf(env);
    if (nodes < 1 || processesPerNode < 1) {
      throw new IllegalArgumentException("nodes and processesPerNode must be at least 1");
    }
  }

  /** Whether the role runs on more than one pod. */
  public boolean multiNode() {
    return nodes > 1;
  }
}
