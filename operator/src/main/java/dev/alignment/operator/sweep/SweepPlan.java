package dev.alignment.operator.sweep;

import dev.alignment.api.v1alpha1.AlignmentSweepStatus;
import dev.alignment.api.v1alpha1.LeaderboardEntry;
import java.util.List;

/**
 * What a reconcile does to a sweep: children to create now (one batch), children to delete, the status to write
 * (with the first entries of the ranking) and the full ranking for the leaderboard table, whose entries get their
 * parameters only when it is written, and whose version changes whenever its content may have.
 */
public record SweepPlan(List<ChildRun> creates, List<String> deletes, AlignmentSweepStatus status,
    List<LeaderboardEntry> table, long tableVersion) {}
