package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** Observed state of a RewardModel. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RewardModelStatus {
  /** The metadata.generation this status describes. */
  public Long observedGeneration;

  /** Pending, Training, Ready or Failed. */
  public RewardModelPhase phase;

  /** Ready: the checkpoint is usable by runs. */
  public List<Condition> conditions = new ArrayList<>();

  /** The reward training stage. */
  public List<StageStatus> stages = new ArrayList<>();

  /** Share of held-out pairs with r(chosen) > r(rejected). */
  public Double accuracy;

  /** Bradley-Terry loss on the held-out split. */
  public Double validationLoss;

  /** URI of the trained (or imported) checkpoint. */
  public String checkpoint;

  /** Why the reward model is in its phase. */
  public String message;
}
