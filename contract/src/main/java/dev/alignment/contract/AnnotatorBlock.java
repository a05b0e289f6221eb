package dev.alignment.contract;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A simulated annotator: the gold lexicon or a reward model, with label noise. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription("A simulated annotator: the gold sentiment lexicon or a trained reward model, flipping labels with probability noise.")
public record AnnotatorBlock(
    @JsonPropertyDescription("Lexicon (the gold reward) or RewardModel (the model at rewardModel). Default Lexicon.")
    Type type,
    @JsonPropertyDescription("Probability of flipping a label, in [0, 0.5]. Default " + Defaults.ANNOTATOR_NOISE + ".")
    double noise,
    @OptionalKey
    @JsonPropertyDescription("URI of the reward model's checkpoint; required when type is RewardModel.")
    String rewardModel) {

  /** Who labels. */
  public enum Type { Lexicon, RewardModel }
}
