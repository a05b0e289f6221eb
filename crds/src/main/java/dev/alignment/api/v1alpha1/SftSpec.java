package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Supervised fine-tuning on demonstrations, with the loss on completion tokens only. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "has(self.dataset) != has(self.preferenceDataset)",
    message = "spec.sft: set exactly one of dataset (a text corpus) or preferenceDataset (trains on the chosen completions)")
public class SftSpec extends OptimizerSpec {
  @JsonPropertyDescription("Demonstrations, e.g. builtin://sentiment/sft or a JSONL file with prompt and completion keys.")
  public UriSource dataset;

  @JsonPropertyDescription("Name of a PreferenceDataset whose chosen completions are the demonstrations.")
  @Pattern(Bounds.OBJECT_NAME)
  @Size(max = Bounds.OBJECT_NAME_LENGTH)
  public String preferenceDataset;
}
