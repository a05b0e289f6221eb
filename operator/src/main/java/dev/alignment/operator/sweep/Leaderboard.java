package dev.alignment.operator.sweep;

import dev.alignment.api.v1alpha1.LeaderboardEntry;
import dev.alignment.api.v1alpha1.LeaderboardSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Ranks a sweep's cells by one result: cells with the result first, best first (ties by cell), then the rest in cell order. */
public final class Leaderboard {
  private Leaderboard() {}

  public static LeaderboardSpec.ResultName metric(LeaderboardSpec spec) {
    return spec == null || spec.metric == null ? LeaderboardSpec.ResultName.winRate : spec.metric;
  }

  public static List<LeaderboardEntry> rank(List<LeaderboardEntry> entries, LeaderboardSpec spec) {
    boolean ascending = spec != null && spec.order == LeaderboardSpec.Order.Ascending;
    Comparator<LeaderboardEntry> byValue = Comparator.comparingDouble(e -> e.value);
    Comparator<LeaderboardEntry> best = (ascending ? byValue : byValue.reversed()).thenComparingInt(e -> e.cell);
    List<LeaderboardEntry> ranked = new ArrayList<>(entries.stream().filter(e -> e.value != null).sorted(best).toList());
    for (int i = 0; i < ranked.size(); i++) {
      ranked.get(i).rank = i + 1;
    }
    entries.stream().filter(e -> e.value == null).sorted(Comparator.comparingInt(e -> e.cell)).forEach(ranked::add);
    return ranked;
  }
}
