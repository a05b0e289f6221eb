package dev.alignment.operator.status;

import dev.alignment.api.v1alpha1.LeaderboardSpec.ResultName;
import dev.alignment.api.v1alpha1.Results;

/** Reads one of a run's {@code status.results} by name, for the leaderboard and the results metric. */
public final class ResultValues {
  private ResultValues() {}

  /** The named result, or null when the run has none (yet). */
  public static Double of(Results results, ResultName name) {
    if (results == null) {
      return null;
    }
    return switch (name) {
      case winRate -> results.winRate;
      case goldReward -> results.goldReward;
      case referenceGoldReward -> results.referenceGoldReward;
      case kl -> results.kl;
      case rankingAccuracy -> results.rankingAccuracy;
      case idealizedRankingAccuracy -> results.idealizedRankingAccuracy;
      case alignmentGap -> results.alignmentGap;
    };
  }
}
