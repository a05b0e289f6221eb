package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Where the run is now. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Progress {
  /** The stage running now (or the last one). */
  public String stage;

  /** Steps done in that stage. */
  public Long step;

  /** Steps the stage will take. */
  public Long totalSteps;

  /** Estimated time left in the stage (RFC 3339 duration-like text, e.g. 3m20s). */
  public String eta;

  /** Human-readable summary shown by kubectl, e.g. "2/3 stages" or "120/400 steps". */
  public String summary;
}
