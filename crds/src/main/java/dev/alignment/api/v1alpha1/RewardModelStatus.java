package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** Observed state of a RewardModel. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RewardModelStatus {
  @JsonPropertyDescription("The metadata.generation this status describes.")
  public Long observedGeneration;

  @JsonPropertyDescription("Pending, Training, Ready or Failed.")
  public RewardModelPhase phase;

  @JsonPropertyDescription("Ready: the checkpoint is usable by runs.")
  public List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("The reward training stage.")
  public List<StageStatus> stages = new ArrayList<>();

  @JsonPropertyDescription("Share of held-out pairs with r(chosen) > r(rejected).")
  public Double accuracy;

  @JsonPropertyDescription("Bradley-Terry loss on the held-out split.")
  public Double validationLoss;

  @JsonPropertyDescription("URI of the trained (or imported) checkpoint.")
  public String checkpoint;

  @JsonPropertyDescription("Why the reward model is in its phase.")
  public String message;
}
