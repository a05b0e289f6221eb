package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.alignment.contract.Defaults;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** How to obtain the reward model: train it on preference pairs, or import a checkpoint. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "has(self.preferenceDataset) != has(self.__import__)",
    message = "set exactly one of spec.preferenceDataset (train a reward model) or spec.import (use an existing checkpoint)")
@ValidationRule(
    value = "has(self.__import__) ? !has(self.export) : true",
    message = "spec.export publishes a trained reward model; an imported one is not trained here",
    fieldPath = ".export")
public class RewardModelSpec {
  @JsonPropertyDescription(
      "The network to start from; its LM head is replaced by a scalar head. Defaults to " + Defaults.MODEL + ".")
  public ModelSpec model;

  @JsonPropertyDescription("Name of the PreferenceDataset (same namespace) to train on.")
  @Pattern(Bounds.OBJECT_NAME)
  @Size(max = Bounds.OBJECT_NAME_LENGTH)
  public String preferenceDataset;

  @JsonPropertyDescription("An existing reward-model checkpoint to use as is, without training.")
  @JsonProperty("import")
  public ImportSource importSource;

  @JsonPropertyDescription("Optimisation settings. Defaults: " + Defaults.REWARD_STEPS + " steps, batch "
      + Defaults.REWARD_BATCH_SIZE + ", learning rate " + Defaults.REWARD_LEARNING_RATE + ".")
  public RewardTraining training;

  @JsonPropertyDescription("Compute for the training Job.")
  public ResourceRequest resources;

  @JsonPropertyDescription("Placement of the training Job.")
  public Scheduling scheduling;

  @JsonPropertyDescription("Volume for outputs and checkpoints; defaults to the operator's workspace claim.")
  public Workspace workspace;

  @JsonPropertyDescription(Descriptions.RUNTIME)
  @Pattern(Bounds.OBJECT_NAME)
  @Size(max = Bounds.OBJECT_NAME_LENGTH)
  public String runtime;

  @JsonPropertyDescription("Trainer image instead of the runtime's; the operator's allowedImages must permit it.")
  @Pattern(Bounds.IMAGE)
  @Size(min = 1, max = Bounds.IMAGE_LENGTH)
  public String image;

  @JsonPropertyDescription(Descriptions.ENV)
  @Size(max = Bounds.ENV_VARIABLES)
  public List<EnvVariable> env;

  @JsonPropertyDescription(Descriptions.ENV_FROM)
  @Size(max = Bounds.ENV_FROM)
  public List<EnvFromSecret> envFrom;

  @JsonPropertyDescription("Steps between checkpoints; a restarted Job resumes from the newest one. Default "
      + Defaults.CHECKPOINT_EVERY + ".")
  @Min(1)
  @Max(Bounds.STEPS)
  public Integer checkpointEvery;

  @JsonPropertyDescription(
      "Retries after a retryable failure (exit code other than 0 and 2), each resuming from a " +
      "checkpoint. Default 2.")
  @Min(0)
  @Max(20)
  public Integer maxRetries;

  @JsonPropertyDescription(Descriptions.RETRY_ON_OUT_OF_MEMORY)
  public Boolean retryOnOutOfMemory;

  @JsonPropertyDescription("Publish the trained reward model to object storage.")
  public ExportSpec export;
}
