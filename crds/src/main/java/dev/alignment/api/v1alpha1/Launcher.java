package dev.alignment.api.v1alpha1;

/** How a trainer runtime starts its process in each pod of a stage. */
public enum Launcher {
  /** The runtime's command, once per pod: one process, one pod (the reference DJL runtime). */
  Single,
  /** The runtime's command under {@code torchrun}, with the rendezvous of a multi-pod stage in the environment. */
  Torchrun
}
