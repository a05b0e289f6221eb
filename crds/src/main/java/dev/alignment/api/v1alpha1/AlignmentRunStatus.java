package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** Observed state of an AlignmentRun. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AlignmentRunStatus {
  /** The metadata.generation this status describes. */
  public Long observedGeneration;

  /** Pending, Running, Suspended, Succeeded or Failed. */
  public RunPhase phase;

  /** Progressing, Succeeded, Failed and Suspended, with reasons such as WaitingForPreferenceDataset. */
  public List<Condition> conditions = new ArrayList<>();

  /** Every stage in pipeline order. */
  public List<StageStatus> stages = new ArrayList<>();

  /** The current stage and its step. */
  public Progress progress;

  /** Evaluation results, once the eval stage succeeded. */
  public Results results;

  /** URI of the final policy checkpoint. */
  public String model;

  /** Why the run is in its phase. */
  public String message;
}
