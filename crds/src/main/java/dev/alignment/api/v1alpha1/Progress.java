package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Where the run is now. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Progress {
  @JsonPropertyDescription("The stage running now (or the last one).")
  public String stage;

  @JsonPropertyDescription("Steps done in that stage.")
  public Long step;

  @JsonPropertyDescription("Steps the stage will take.")
  public Long totalSteps;

  @JsonPropertyDescription("Estimated time left in the stage (RFC 3339 duration-like text, e.g. 3m20s).")
  public String eta;

  @JsonPropertyDescription("Human-readable summary shown by kubectl, e.g. \"2/3 stages\" or \"120/400 steps\".")
  public String summary;
}
