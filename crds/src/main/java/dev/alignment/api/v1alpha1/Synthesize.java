package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;

/** Simulated preference annotation: two samples per prompt from a policy, labelled by an annotator. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Synthesize {
  @JsonPropertyDescription("The policy that writes both completions (same uri forms as an AlignmentRun's spec.model.uri).")
  @Required
  public ModelSpec policy;

  @JsonPropertyDescription("Prompts to complete, e.g. builtin://sentiment/prompts.")
  @Required
  public UriSource prompts;

  @JsonPropertyDescription("Who labels each pair, and with how much label noise.")
  @Required
  public Annotator annotator;

  @JsonPropertyDescription("Number of pairs to produce.")
  @Required
  @Min(1)
  @Max(Bounds.PAIRS)
  public Integer pairs;

  @JsonPropertyDescription("Seed for sampling and label noise; the same seed gives the same dataset.")
  @Min(0)
  @Max(Bounds.SEED)
  public Long seed;
}
