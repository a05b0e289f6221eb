package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** Observed state of an AlignmentSweep: counts by phase, the best cells, and where the full ranking is. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AlignmentSweepStatus {
  @JsonPropertyDescription("The metadata.generation this status describes.")
  public Long observedGeneration;

  @JsonPropertyDescription(
      "Pending (no child yet), Running, Succeeded (every child succeeded) or Failed (all finished, some failed).")
  public RunPhase phase;

  @JsonPropertyDescription("Progressing, Succeeded and Failed.")
  public List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("Cells by the phase of their child run; cells whose run is not created yet are pending.")
  public SweepCounts counts;

  @JsonPropertyDescription("The result the leaderboard ranks by.")
  public String metric;

  @JsonPropertyDescription(
      "The first cells of the ranking (how many is an operator setting, default 20): those with the result ranked "
      + "best first, then the others in matrix order. Every cell is in the table.")
  public List<LeaderboardEntry> leaderboard = new ArrayList<>();

  @JsonPropertyDescription("Where the full ranking of every cell is.")
  public LeaderboardTable table;

  @JsonPropertyDescription("The best-ranked child run so far; unset until a run has the metric.")
  public String best;

  @JsonPropertyDescription("The best-ranked run's value of the metric.")
  public Double bestValue;

  @JsonPropertyDescription("Why the sweep is in its phase.")
  public String message;
}
