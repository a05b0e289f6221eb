package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.alignment.contract.Defaults;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** How the final policy is judged against the reference. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EvaluationSpec {
  @JsonPropertyDescription("The judge of win rate; defaults to the noise-free Lexicon (gold) annotator.")
  public Annotator annotator;

  @JsonPropertyDescription("Held-out prompts sampled for gold reward, win rate and KL. Default " + Defaults.EVAL_SAMPLES + ".")
  @Min(1)
  @Max(Bounds.EVAL_SAMPLES)
  public Integer samples;

  @JsonPropertyDescription(
      "Prompts to evaluate on. Default: spec.promptDataset, else " + Defaults.PROMPTS + ". Set it when a study " +
      "varies spec.promptDataset, so every run is judged on the same prompts.")
  public UriSource prompts;
}
