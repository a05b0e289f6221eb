package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.LinkedHashMap;
import java.util.Map;

/** One cell of a sweep: its child run, the values it set, and the run's outcome. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LeaderboardEntry {
  @JsonPropertyDescription("1 for the best; unset while the cell has no result.")
  public Integer rank;

  @JsonPropertyDescription("The child AlignmentRun's name.")
  public String run;

  @JsonPropertyDescription("The cell's index in matrix order.")
  public int cell;

  @JsonPropertyDescription("The cell's values by field path, as JSON text for objects; each cut to 128 characters.")
  public Map<String, String> parameters = new LinkedHashMap<>();

  @JsonPropertyDescription("The child run's phase; Pending before it is created.")
  public RunPhase phase;

  @JsonPropertyDescription("The ranked result's value.")
  public Double value;

  @JsonPropertyDescription("The child run's results.")
  public Results results;

  @JsonPropertyDescription("The child run's message, or why it could not be created; cut to 256 characters.")
  public String message;

  @JsonPropertyDescription("Set only when the API server refused to create the cell's run: its words, cut to 256 characters.")
  public String notCreated;
}
