package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Which result ranks a sweep's children, and in which direction. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LeaderboardSpec {
  @JsonPropertyDescription("The status.results field to rank by. Default winRate.")
  public ResultName metric;

  @JsonPropertyDescription("Descending (higher is better, the default) or Ascending (e.g. for kl).")
  public Order order;

  /** The status.results fields. */
  public enum ResultName {
    winRate,
    goldReward,
    referenceGoldReward,
    kl,
    rankingAccuracy,
    idealizedRankingAccuracy,
    alignmentGap
  }

  /** Ranking direction. */
  public enum Order {
    Descending,
    Ascending
  }
}
