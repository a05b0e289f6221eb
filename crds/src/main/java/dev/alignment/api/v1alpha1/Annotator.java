package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** A simulated annotator (AlpacaFarm-style): the gold reward or a reward model, with label noise. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "self.type == 'RewardModel' ? has(self.rewardModel) : !has(self.rewardModel)",
    message = "rewardModel names the RewardModel to annotate with: set it exactly when type is RewardModel")
public class Annotator {
  @JsonPropertyDescription("Lexicon: the built-in gold sentiment reward. RewardModel: the RewardModel named in rewardModel.")
  @Required
  public AnnotatorType type;

  @JsonPropertyDescription("Probability in [0, 0.5] that a label is flipped, like AlpacaFarm's noisy simulated annotators.")
  @Min(0)
  @Max(0.5)
  public Double noise;

  @JsonPropertyDescription("Name of a RewardModel in the same namespace; only with type RewardModel.")
  @Pattern(Bounds.OBJECT_NAME)
  @Size(max = Bounds.OBJECT_NAME_LENGTH)
  public String rewardModel;

  /** Kinds of simulated annotator. */
  public enum AnnotatorType {
    Lexicon,
    RewardModel
  }
}
