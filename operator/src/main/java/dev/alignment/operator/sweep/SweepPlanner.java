package dev.alignment.operator.sweep;

import dev.alignment.api.v1alpha1.AlignmentRun;
import dev.alignment.api.v1alpha1.AlignmentSweep;
import dev.alignment.api.v1alpha1.AlignmentSweepSpec;
import dev.alignment.api.v1alpha1.AlignmentSweepStatus;
import dev.alignment.api.v1alpha1.LeaderboardEntry;
import dev.alignment.api.v1alpha1.LeaderboardSpec;
import dev.alignment.api.v1alpha1.RunPhase;
import dev.alignment.api.v1alpha1.SweepCounts;
import dev.alignment.operator.status.Conditions;
import dev.alignment.operator.status.Reasons;
import dev.alignment.operator.status.ResultValues;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides a sweep's reconcile from what is observed: the children its matrix wants, which of them to create now
 * (in matrix order, at most maxParallel unfinished), which children belong to no cell any more, and the status.
 */
public final class SweepPlanner {
  /** How a leaderboard entry's message begins when the API server refused to create its run. */
  public static final String NOT_CREATED = "not created: ";

  private SweepPlanner() {}

  /**
   * @param children the sweep's child runs by name, as observed
   * @param rejected children the API server refused to create, by name, with its message
   */
  public record Input(AlignmentSweep sweep, Map<String, AlignmentRun> children, Map<String, String> rejected, Instant now) {}

  public static SweepPlan plan(Input in) {
    AlignmentSweepSpec spec = in.sweep().getSpec();
    List<ChildRun> wanted;
    try {
      ChildSpecs.validate(spec.template, spec.matrix.parameters);
      wanted = MatrixCells.of(spec.matrix).stream()
          .map(cell -> {
            var childSpec = ChildSpecs.of(spec.template, cell);
            return new ChildRun(ChildSpecs.childName(in.sweep().getMetadata().getName(), childSpec), cell, childSpec);
          })
          .toList();
    } catch (InvalidSweepException e) {
      // Keep the children (and their results) of the last valid matrix until the manifest is fixed.
      return new SweepPlan(List.of(), List.of(), invalid(in, e.getMessage()));
    }
    Set<String> wantedNames = wanted.stream().map(ChildRun::name).collect(Collectors.toSet());
    List<String> deletes = in.children().keySet().stream().filter(name -> !wantedNames.contains(name)).sorted().toList();

    // Children on their way out still hold their slot until they are gone: their pods may still be running.
    long unfinished = in.children().values().stream().filter(r -> !finished(r)).count();
    int limit = spec.maxParallel == null ? Integer.MAX_VALUE : spec.maxParallel;
    List<ChildRun> creates = new ArrayList<>();
    for (ChildRun child : wanted) {
      if (unfinished + creates.size() >= limit) {
        break;
      }
      if (!in.children().containsKey(child.name()) && !in.rejected().containsKey(child.name())) {
        creates.add(child);
      }
    }
    return new SweepPlan(creates, deletes, status(in, wanted, creates));
  }

  private static AlignmentSweepStatus status(Input in, List<ChildRun> wanted, List<ChildRun> creates) {
    LeaderboardSpec board = in.sweep().getSpec().leaderboard;
    LeaderboardSpec.ResultName metric = Leaderboard.metric(board);
    Set<String> creating = creates.stream().map(ChildRun::name).collect(Collectors.toSet());
    SweepCounts counts = new SweepCounts();
    counts.total = wanted.size();
    List<LeaderboardEntry> entries = new ArrayList<>();
    for (ChildRun child : wanted) {
      LeaderboardEntry entry = new LeaderboardEntry();
      entry.run = child.name();
      entry.cell = child.cell().index();
      entry.parameters = child.cell().parameters();
      AlignmentRun run = in.children().get(child.name());
      if (run != null && run.getStatus() != null) {
        entry.phase = run.getStatus().phase == null ? RunPhase.Pending : run.getStatus().phase;
        entry.results = run.getStatus().results;
        entry.message = run.getStatus().message;
        entry.value = entry.phase == RunPhase.Succeeded ? ResultValues.of(run.getStatus().results, metric) : null;
      } else if (run == null && in.rejected().containsKey(child.name())) {
        entry.phase = RunPhase.Failed;
        entry.message = NOT_CREATED + in.rejected().get(child.name());
      } else {
        entry.phase = RunPhase.Pending;
        entry.message = run != null || creating.contains(child.name()) ? null : "waiting for a free slot (maxParallel)";
      }
      switch (entry.phase) {
        case Succeeded -> counts.succeeded++;
        case Failed -> counts.failed++;
        case Running, Suspended -> counts.running++;
        case Pending -> counts.pending++;
      }
      entries.add(entry);
    }

    AlignmentSweepStatus prior = in.sweep().getStatus() == null ? new AlignmentSweepStatus() : in.sweep().getStatus();
    AlignmentSweepStatus status = new AlignmentSweepStatus();
    status.observedGeneration = in.sweep().getMetadata().getGeneration();
    status.counts = counts;
    status.metric = metric.name();
    status.leaderboard = Leaderboard.rank(entries, board);
    if (!status.leaderboard.isEmpty() && status.leaderboard.get(0).rank != null) {
      status.best = status.leaderboard.get(0).run;
      status.bestValue = status.leaderboard.get(0).value;
    }
    boolean done = counts.succeeded + counts.failed == counts.total;
    boolean started = !in.children().isEmpty() || !creates.isEmpty();
    status.phase = done ? (counts.failed == 0 ? RunPhase.Succeeded : RunPhase.Failed)
        : started ? RunPhase.Running : RunPhase.Pending;
    status.message = message(counts, status.leaderboard, metric);
    String reason = done ? (counts.failed == 0 ? Reasons.ALL_RUNS_SUCCEEDED : Reasons.RUNS_FAILED) : Reasons.RUNS_IN_PROGRESS;
    Long generation = status.observedGeneration;
    var conditions = Conditions.set(prior.conditions, Reasons.PROGRESSING, !done, reason, status.message, generation, in.now());
    conditions = Conditions.set(conditions, Reasons.SUCCEEDED, done && counts.failed == 0, reason, status.message, generation, in.now());
    status.conditions = Conditions.set(conditions, Reasons.FAILED, done && counts.failed > 0, reason, status.message, generation, in.now());
    return status;
  }

  private static AlignmentSweepStatus invalid(Input in, String message) {
    AlignmentSweepStatus prior = in.sweep().getStatus() == null ? new AlignmentSweepStatus() : in.sweep().getStatus();
    AlignmentSweepStatus status = new AlignmentSweepStatus();
    status.observedGeneration = in.sweep().getMetadata().getGeneration();
    status.counts = prior.counts;
    status.metric = prior.metric;
    status.leaderboard = prior.leaderboard;
    status.best = prior.best;
    status.bestValue = prior.bestValue;
    status.phase = RunPhase.Failed;
    status.message = message;
    Long generation = status.observedGeneration;
    var conditions = Conditions.set(prior.conditions, Reasons.PROGRESSING, false, Reasons.INVALID_MATRIX, message, generation, in.now());
    conditions = Conditions.set(conditions, Reasons.SUCCEEDED, false, Reasons.INVALID_MATRIX, message, generation, in.now());
    status.conditions = Conditions.set(conditions, Reasons.FAILED, true, Reasons.INVALID_MATRIX, message, generation, in.now());
    return status;
  }

  private static String message(SweepCounts counts, List<LeaderboardEntry> board, LeaderboardSpec.ResultName metric) {
    String tally = counts.total + " runs: " + counts.succeeded + " succeeded, " + counts.running + " running, "
        + counts.pending + " pending, " + counts.failed + " failed";
    return board.isEmpty() || board.get(0).rank == null ? tally
        : tally + "; best " + board.get(0).run + " (" + metric + " " + board.get(0).value + ")";
  }

  private static boolean finished(AlignmentRun run) {
    RunPhase phase = run.getStatus() == null ? null : run.getStatus().phase;
    return phase == RunPhase.Succeeded || phase == RunPhase.Failed;
  }
}
