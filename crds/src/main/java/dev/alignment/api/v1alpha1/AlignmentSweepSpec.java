package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** The study: the template every child run starts from, the matrix that varies it, and how to rank the children. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!has(self.template.export)",
    message = "spec.template.export would have every child overwrite one prefix: export the leaderboard's winner from its own run",
    fieldPath = ".template.export")
public class AlignmentSweepSpec {
  @JsonPropertyDescription(
      "The AlignmentRun spec every child starts from; it must be valid on its own (it is checked like a run's " +
      "spec), and each matrix cell overrides some of its fields.")
  @Required
  public AlignmentRunSpec template;

  @JsonPropertyDescription("The fields to vary and their values.")
  @Required
  public SweepMatrix matrix;

  @JsonPropertyDescription(
      "Most child runs that may be unfinished at once; further cells wait and start as runs finish, in matrix " +
      "order. Unset: all at once (a Kueue queue in the template's scheduling then does the queueing).")
  @Min(1)
  @Max(Bounds.STEPS)
  public Integer maxParallel;

  @JsonPropertyDescription("How status.leaderboard ranks the children. Default: winRate, Descending.")
  public LeaderboardSpec leaderboard;
}
