package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Names of the JSON keys that hold each part of a preference pair. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FieldMapping {
  @JsonPropertyDescription(
      "Key of the prompt. Default \"prompt\"; when the rows have no prompt key, the prompt is the " +
      "longest common prefix of chosen and rejected.")
  public String prompt;

  @JsonPropertyDescription("Key of the preferred completion. Default \"chosen\".")
  public String chosen;

  @JsonPropertyDescription("Key of the dispreferred completion. Default \"rejected\".")
  public String rejected;
}
