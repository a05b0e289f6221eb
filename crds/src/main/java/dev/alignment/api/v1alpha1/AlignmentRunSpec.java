package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.alignment.contract.Defaults;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** What to align, with which algorithm and data, and on what compute. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "self.algorithm == 'BestOfN' ? !has(self.export) : true",
    message = "spec.export needs a trained policy, and BestOfN trains none: export the SFT model from its own run",
    fieldPath = ".export")
@ValidationRule(
    value = "self.algorithm in ['DPO', 'IPO', 'CDPO'] ? has(self.preferenceDataset) : true",
    message = "spec.preferenceDataset is required when spec.algorithm is DPO, IPO or CDPO: name a PreferenceDataset",
    fieldPath = ".preferenceDataset")
@ValidationRule(
    value = "self.algorithm in ['PPO', 'BestOfN'] ? has(self.rewardModel) : true",
    message = "spec.rewardModel is required when spec.algorithm is PPO or BestOfN: name a RewardModel",
    fieldPath = ".rewardModel")
@ValidationRule(
    value = "self.algorithm == 'CDPO' ? has(self.training) && has(self.training.labelSmoothing) && self.training.labelSmoothing > 0.0 : true",
    message = "spec.training.labelSmoothing must be set above 0 when spec.algorithm is CDPO (0 is plain DPO)",
    fieldPath = ".training")
public class AlignmentRunSpec {
  @JsonPropertyDescription("The policy's starting point; it is also the frozen reference when there is no SFT stage.")
  public ModelSpec model;

  @JsonPropertyDescription(
      "Optional supervised fine-tuning stage before preference optimisation; its output becomes the " +
      "reference. Defaults: " + Defaults.SFT_STEPS + " steps, batch " + Defaults.SFT_BATCH_SIZE + ", learning rate "
      + Defaults.SFT_LEARNING_RATE + ".")
  public SftSpec sft;

  @JsonPropertyDescription("DPO, IPO, CDPO (conservative DPO, label smoothing), PPO or BestOfN.")
  @Required
  public Algorithm algorithm;

  @JsonPropertyDescription("Name of the PreferenceDataset (same namespace); required for DPO, IPO and CDPO.")
  @Pattern(Bounds.OBJECT_NAME)
  @Size(max = Bounds.OBJECT_NAME_LENGTH)
  public String preferenceDataset;

  @JsonPropertyDescription("Name of the RewardModel (same namespace); required for PPO and BestOfN.")
  @Pattern(Bounds.OBJECT_NAME)
  @Size(max = Bounds.OBJECT_NAME_LENGTH)
  public String rewardModel;

  @JsonPropertyDescription(
      "Unlabelled prompts for PPO rollouts and best-of-n sampling. Default " + Defaults.PROMPTS + ".")
  public UriSource promptDataset;

  @JsonPropertyDescription("Optimisation settings of the preference stage. Defaults: " + Defaults.PREFERENCE_STEPS
      + " steps, batch " + Defaults.PREFERENCE_BATCH_SIZE + ", learning rate " + Defaults.PREFERENCE_LEARNING_RATE + ".")
  public TrainingSpec training;

  @JsonPropertyDescription("PPO settings; only with algorithm PPO.")
  public PpoSpec ppo;

  @JsonPropertyDescription("Best-of-n settings; only with algorithm BestOfN.")
  public BestOfNSpec bestOfN;

  @JsonPropertyDescription("The final evaluation against the reference policy.")
  public EvaluationSpec evaluation;

  @JsonPropertyDescription("Compute per role.")
  public RoleResources resources;

  @JsonPropertyDescription("Placement of all the run's pods.")
  public Scheduling scheduling;

  @JsonPropertyDescription("Volume for outputs and checkpoints; defaults to the operator's workspace claim.")
  public Workspace workspace;

  @JsonPropertyDescription(Descriptions.RUNTIME)
  @Pattern(Bounds.OBJECT_NAME)
  @Size(max = Bounds.OBJECT_NAME_LENGTH)
  public String runtime;

  @JsonPropertyDescription("Trainer image of the stages that run on the run's runtime, instead of the runtime's "
      + "image; the operator's allowedImages must permit it.")
  @Pattern(Bounds.IMAGE)
  @Size(min = 1, max = Bounds.IMAGE_LENGTH)
  public String image;

  @JsonPropertyDescription(Descriptions.ENV)
  @Size(max = Bounds.ENV_VARIABLES)
  public List<EnvVariable> env;

  @JsonPropertyDescription(Descriptions.ENV_FROM)
  @Size(max = Bounds.ENV_FROM)
  public List<EnvFromSecret> envFrom;

  @JsonPropertyDescription("Steps between checkpoints; a restarted stage resumes from the newest one. Default "
      + Defaults.CHECKPOINT_EVERY + ".")
  @Min(1)
  @Max(Bounds.STEPS)
  public Integer checkpointEvery;

  @JsonPropertyDescription("Retries per stage after a retryable failure (exit code other than 0 and 2). Default 2.")
  @Min(0)
  @Max(20)
  public Integer maxRetries;

  @JsonPropertyDescription(Descriptions.RETRY_ON_OUT_OF_MEMORY)
  public Boolean retryOnOutOfMemory;

  @JsonPropertyDescription("true stops the running stage's Jobs and keeps checkpoints; false resumes from them.")
  public Boolean suspend;

  @JsonPropertyDescription("Publish the aligned policy (the dpo or ppo stage's model) to object storage.")
  public ExportSpec export;
}
