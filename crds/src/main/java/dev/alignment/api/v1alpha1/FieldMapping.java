package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.alignment.contract.Defaults;
import io.fabric8.generator.annotation.Size;

/** Names of the JSON keys that hold each part of a preference pair. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FieldMapping {
  @JsonPropertyDescription(
      "Key of the prompt. Default \"" + Defaults.PROMPT_FIELD + "\"; when the rows have no prompt key, the prompt is the " +
      "longest common prefix of chosen and rejected.")
  @Size(min = 1, max = Bounds.FIELD_NAME_LENGTH)
  public String prompt;

  @JsonPropertyDescription("Key of the preferred completion. Default \"" + Defaults.CHOSEN_FIELD + "\".")
  @Size(min = 1, max = Bounds.FIELD_NAME_LENGTH)
  public String chosen;

  @JsonPropertyDescription("Key of the dispreferred completion. Default \"" + Defaults.REJECTED_FIELD + "\".")
  @Size(min = 1, max = Bounds.FIELD_NAME_LENGTH)
  public String rejected;
}
