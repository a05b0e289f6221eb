package dev.alignment.contract;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** The config of {@code eval}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription("eval: compares the policy with the reference on held-out prompts (gold reward, win rate, KL) and, with a preference dataset, ranking accuracy.")
public record EvalConfig(
    @JsonUnwrapped
    StageHeader header,
    @JsonUnwrapped
    PolicyPair models,
    @JsonPropertyDescription(Docs.PROMPTS)
    String prompts,
    @JsonPropertyDescription("Prompts evaluated (> 0). Default " + Defaults.EVAL_SAMPLES + ".")
    int samples,
    @JsonPropertyDescription("The judge of policy against reference samples.")
    AnnotatorBlock annotator,
    @JsonPropertyDescription(Docs.BETA + " Scales the implicit reward in ranking accuracy.")
    double beta,
    @JsonPropertyDescription(Docs.SEED)
    long seed,
    @OptionalKey
    @JsonPropertyDescription("Present for a best-of-n run: evaluate best-of-n sampling itself.")
    BestOfNBlock bestOfN,
    @OptionalKey
    @JsonPropertyDescription("URI of the run's validated preference dataset, for ranking accuracy.")
    String preferenceDataset,
    @OptionalKey
    @JsonPropertyDescription("Label noise of the preference dataset's simulated annotator, for the idealized ranking accuracy; absent when unknown.")
    Double preferenceLabelNoise) implements CommandConfig {
}
