package dev.alignment.operator.stage;

import dev.alignment.api.v1alpha1.ResourceRequest;
import dev.alignment.contract.TrainerCommand;

/**
 * One Job of a stage attempt: what the trainer runs in it and on what compute.
 *
 * @param name role name (e.g. {@code actor}, {@code critic}), part of the Job name; null for a stage's only Job
 * @param command the trainer's stage command (e.g. {@code dpo}, {@code ppo-critic}), as on its command line
 * @param resources compute for the trainer container; null means the operator's defaults
 * @param servicePort when set, the role serves its peers on this port behind a headless Service named
 *     {@code <owner>-<stage>-<role>}
 * @param launch image, entrypoint, launcher and pods from the role's trainer runtime; null for the operator's
 *     configured trainer image, run as {@code alignment-trainer} in one pod
 */
public record StageRole(String name, String command, ResourceRequest resources, Integer servicePort, Launch launch) {
  public StageRole(String name, TrainerCommand command, ResourceRequest resources, Integer servicePort) {
    this(name, command.command(), resources, servicePort, null);
  }

  /** This role, started as {@code launch} says. */
  public StageRole withLaunch(Launch launch) {
    return new StageRole(name, command, resources, servicePort, launch);
  }

  /** The only Job of a single-Job stage. */
  public static StageRole only(TrainerCommand command, ResourceRequest resources) {
    return new StageRole(null, command, resources, null);
  }
}
