package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Names of the JSON keys that hold each part of a preference pair. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FieldMapping {
  /**
   * Key of the prompt. Default "prompt"; when the rows have no prompt key, the prompt is the longest common
   * prefix of chosen and rejected.
   */
  public String prompt;

  /** Key of the preferred completion. Default "chosen". */
  public String chosen;

  /** Key of the dispreferred completion. Default "rejected". */
  public String rejected;
}
