package dev.alignment.operator.sweep;

import dev.alignment.api.v1alpha1.AlignmentSweep;
import dev.alignment.api.v1alpha1.LeaderboardEntry;
import dev.alignment.operator.job.ApiErrors;
import dev.alignment.operator.stage.DerivedNames;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Writes a sweep's leaderboard ConfigMaps (server-side apply) when the table's version changed, at most once per
 * interval while the sweep runs (every child's status change would otherwise rewrite it) and at once when it ends;
 * deletes parts a shorter table no longer needs.
 *
 * @param interval least time between two writes of a running sweep's table
 */
public record LeaderboardWriter(KubernetesClient client, Duration interval) {
  /**
   * @param error why the write failed (the API server's message), or null
   * @param parts how many ConfigMaps hold the table; null if none was written yet
   * @param dueIn when a write held back by the interval (or retried after a failure) is due; empty when none waits
   */
  public record Outcome(String error, Integer parts, Optional<Duration> dueIn) {}

  public Outcome write(AlignmentSweep sweep, SweepState state, SweepPlan plan, boolean ended, Instant now) {
    Integer before = state.tableParts() != null ? state.tableParts()
        : sweep.getStatus() == null || sweep.getStatus().table == null ? null : sweep.getStatus().table.parts;
    if (state.tableVersion() != null && state.tableVersion() == plan.tableVersion()) {
      return new Outcome(null, before, Optional.empty());
    }
    Instant due = state.tableTriedAt() == null || ended && state.tableError() == null ? now
        : state.tableTriedAt().plus(interval);
    if (now.isBefore(due)) {
      return new Outcome(state.tableError(), before, Optional.of(Duration.between(now, due)));
    }
    List<LeaderboardEntry> table = plan.table();
    table.stream().filter(e -> e.parameters == null)
        .forEach(e -> e.parameters = state.layout().cell(e.cell).parameters());
    List<ConfigMap> parts = LeaderboardConfigMap.parts(sweep, LeaderboardConfigMap.gzippedLines(table));
    try {
      for (ConfigMap part : parts) {
        client.resource(part).forceConflicts().serverSideApply();
      }
      for (int stale = parts.size(); before != null && stale < before; stale++) {
        client.configMaps().inNamespace(sweep.getMetadata().getNamespace())
            .withName(DerivedNames.leaderboard(sweep.getMetadata().getName(), stale)).delete();
      }
      state.tableWritten(plan.tableVersion(), parts.size(), now);
      return new Outcome(null, parts.size(), Optional.empty());
    } catch (KubernetesClientException e) {
      String message = ApiErrors.message(e);
      state.tableFailed(Texts.cut("writing the leaderboard ConfigMaps failed (" + e.getCode() + "): " + message,
          SweepPlanner.MESSAGE_CHARS), now);
      return new Outcome(state.tableError(), before, Optional.of(interval));
    }
  }
}
