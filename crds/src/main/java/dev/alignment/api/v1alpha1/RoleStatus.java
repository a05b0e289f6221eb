package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Observed state of one role's Job in a stage made of several Jobs (the PPO actor and critic). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RoleStatus {
  @JsonPropertyDescription("Role name, e.g. actor or critic.")
  public String name;

  @JsonPropertyDescription("Name of the role's Job in the stage's latest attempt.")
  public String job;

  @JsonPropertyDescription("The role's Job in the latest attempt: Pending (not seen yet), Running, Succeeded, Failed, or Suspended "
      + "while it is being stopped (spec.suspend, or a sibling role failed).")
  public StagePhase phase;

  @JsonPropertyDescription("Why the role's Job failed: the trainer's message.")
  public String message;
}
