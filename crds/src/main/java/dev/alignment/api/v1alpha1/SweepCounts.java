package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** How many of a sweep's cells are in each phase. */
public class SweepCounts {
  @JsonPropertyDescription("Cells in the matrix.")
  public int total;

  @JsonPropertyDescription("Cells whose run exists (created so far; while creating, the message says how far).")
  public int created;

  @JsonPropertyDescription("Cells whose run is not created yet or is Pending.")
  public int pending;

  @JsonPropertyDescription("Cells whose run is Running (or Suspended).")
  public int running;

  @JsonPropertyDescription("Cells whose run succeeded.")
  public int succeeded;

  @JsonPropertyDescription("Cells whose run failed or could not be created.")
  public int failed;
}
