package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** Observed state of an AlignmentRun. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AlignmentRunStatus {
  @JsonPropertyDescription("The metadata.generation this status describes.")
  public Long observedGeneration;

  @JsonPropertyDescription("Pending, Running, Suspended, Succeeded or Failed.")
  public RunPhase phase;

  @JsonPropertyDescription("Progressing, Succeeded, Failed and Suspended, with reasons such as WaitingForPreferenceDataset.")
  public List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("Every stage in pipeline order.")
  public List<StageStatus> stages = new ArrayList<>();

  @JsonPropertyDescription("The current stage and its step.")
  public Progress progress;

  @JsonPropertyDescription("Evaluation results, once the eval stage succeeded.")
  public Results results;

  @JsonPropertyDescription("URI of the final policy checkpoint.")
  public String model;

  @JsonPropertyDescription("Why the run is in its phase.")
  public String message;
}
