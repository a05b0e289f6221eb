package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/** Observed state of one stage of a pipeline. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StageStatus {
  private static final ObjectMapper COPIER = new ObjectMapper();

  @JsonPropertyDescription("Stage name, e.g. sft, dpo, eval.")
  public String name;

  @JsonPropertyDescription("Pending, Running, Suspended, Succeeded or Failed.")
  public StagePhase phase;

  @JsonPropertyDescription("Name of the Job of the latest attempt (for a stage of several Jobs, the actor's).")
  public String job;

  @JsonPropertyDescription("Jobs started for this stage so far (the latest attempt's number).")
  public Integer attempts;

  @JsonPropertyDescription("Attempts that ended in a retryable failure; the stage fails once this exceeds spec.maxRetries.")
  public Integer failures;

  @JsonPropertyDescription(
      "Whole-group restarts within the latest attempt of a stage run as a JobSet: a pod's failure restarts every pod"
          + " of the attempt, which resumes from its checkpoint; these do not count as attempts or failures.")
  public Integer restarts;

  @JsonPropertyDescription("When the first attempt started (RFC 3339).")
  public String startTime;

  @JsonPropertyDescription("When a Retrying stage starts its next attempt (RFC 3339).")
  public String nextRetryTime;

  @JsonPropertyDescription("When the stage succeeded or finally failed (RFC 3339).")
  public String completionTime;

  @JsonPropertyDescription("Why the stage is in its phase: the trainer's message for failures.")
  public String message;

  @JsonPropertyDescription("Final metrics from the trainer's termination summary, e.g. loss, rewards/accuracies.")
  public Map<String, Double> metrics;

  @JsonPropertyDescription("URI of the stage's output on the workspace, e.g. file:///workspace/ns/run/dpo/model.")
  public String output;

  @JsonPropertyDescription("sha256 of the stage's output, when the trainer reports one (dataset validation does).")
  public String digest;

  @JsonPropertyDescription(
      "For a stage of several Jobs started, failed and retried together (PPO Split: actor and critic), each role's Job.")
  public List<RoleStatus> roles;

  /** A deep copy to change without changing this one; through JSON, so a field added later is copied too. */
  public StageStatus copy() {
    return COPIER.convertValue(this, StageStatus.class);
  }
}
