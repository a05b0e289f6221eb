package dev.alignment.operator.job;

import dev.alignment.api.v1alpha1.Launcher;
import dev.alignment.operator.stage.Launch;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How the pods of a distributed role find each other (PyTorch static rendezvous: rank 0's address and port, the
 * world's size, each pod's rank) and the {@code torchrun} command line that reads it.
 */
final class Rendezvous {
  /** Rank 0's rendezvous port: PyTorch's default, free in a trainer pod (metrics use 9400, the critic 8080). */
  static final int MASTER_PORT = 29500;
  /** The annotation (and label) the Job controller gives each pod of an Indexed Job: its completion index. */
  static final String COMPLETION_INDEX = "batch.kubernetes.io/job-completion-index";
  /** The variables set here; no spec may set them. */
  static final Set<String> ENV = Set.of("MASTER_ADDR", "MASTER_PORT", "WORLD_SIZE", "NODE_RANK", "NNODES", "NPROC_PER_NODE");
  /** Rank 0's address in a role of one pod. */
  static final String LOOPBACK = "127.0.0.1";

  private Rendezvous() {}

  /** Whether a role's pods need the rendezvous: several pods, or torchrun in one. */
  static boolean needed(Launch launch) {
    return launch != null && (launch.multiNode() || launch.launcher() == Launcher.Torchrun);
  }

  /**
   * The rendezvous variables of a pod whose rank 0 is {@code masterAddr}; a pod's rank is its completion index
   * (downward API), or 0 in a role of one pod, which is not an Indexed Job.
   */
  static List<EnvVar> env(Launch launch, String masterAddr) {
    List<EnvVar> env = new ArrayList<>();
    env.add(new EnvVar("MASTER_ADDR", masterAddr, null));
    env.add(new EnvVar("MASTER_PORT", String.valueOf(MASTER_PORT), null));
    env.add(new EnvVar("WORLD_SIZE", String.valueOf(launch.nodes() * launch.processesPerNode()), null));
    env.add(launch.multiNode()
        ? new EnvVarBuilder().withName("NODE_RANK").withNewValueFrom().withNewFieldRef()
            .withFieldPath("metadata.annotations['" + COMPLETION_INDEX + "']").endFieldRef().endValueFrom().build()
        : new EnvVar("NODE_RANK", "0", null));
    env.add(new EnvVar("NNODES", String.valueOf(launch.nodes()), null));
    env.add(new EnvVar("NPROC_PER_NODE", String.valueOf(launch.processesPerNode()), null));
    return env;
  }

  /**
   * The container's command line: {@code <entrypoint> <command> --config <file>}, under {@code torchrun} with a
   * static rendezvous for {@link Launcher#Torchrun}. {@code --no-python} runs the entrypoint as the executable it
   * is ({@code python -m ...} or a console script), not as a script handed to Python.
   */
  static List<String> commandLine(Launch launch, List<String> trainerArgs) {
    List<String> line = new ArrayList<>();
    if (launch.launcher() == Launcher.Torchrun) {
      line.add("torchrun");
      line.add("--nnodes=" + launch.nodes());
      line.add("--nproc-per-node=" + launch.processesPerNode());
      line.add("--node-rank=$(NODE_RANK)");
      line.add("--master-addr=$(MASTER_ADDR)");
      line.add("--master-port=$(MASTER_PORT)");
      line.add("--no-python");
    }
    line.addAll(launch.entrypoint());
    line.addAll(trainerArgs);
    return line;
  }
}
