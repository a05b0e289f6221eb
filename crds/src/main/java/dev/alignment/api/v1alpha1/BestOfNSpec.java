package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.alignment.contract.Defaults;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** Best-of-n sampling: n completions per prompt, keep the one the reward model scores highest. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BestOfNSpec {
  // Not `n`: YAML 1.1 (kubectl's parser) reads a bare `n:` key as the boolean false.
  @JsonPropertyDescription("Completions sampled per prompt (the n of best-of-n). Default " + Defaults.BEST_OF_N + ".")
  @Min(1)
  @Max(Bounds.CANDIDATES)
  public Integer candidates;
}
