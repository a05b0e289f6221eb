package dev.alignment.operator.sweep;

import dev.alignment.api.v1alpha1.AlignmentRun;
import dev.alignment.api.v1alpha1.AlignmentSweep;
import dev.alignment.api.v1alpha1.AlignmentSweepStatus;
import dev.alignment.api.v1alpha1.LeaderboardEntry;
import dev.alignment.api.v1alpha1.LeaderboardSpec;
import dev.alignment.api.v1alpha1.LeaderboardTable;
import dev.alignment.api.v1alpha1.RunPhase;
import dev.alignment.api.v1alpha1.SweepCounts;
import dev.alignment.operator.stage.DerivedNames;
import dev.alignment.operator.status.Conditions;
import dev.alignment.operator.status.Reasons;
import dev.alignment.operator.status.ResultValues;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decides a sweep's reconcile from what is observed: which cells' children to create now (in matrix order, one
 * batch, at most maxParallel unfinished), which children belong to no cell any more, and the status.
 */
public final class SweepPlanner {
  /** How a leaderboard entry's message begins when the API server refused to create its run. */
  private static final String NOT_CREATED = "not created: ";
  /** Longest message in a leaderboard entry or the sweep's own message. */
  public static final int MESSAGE_CHARS = 256;

  private SweepPlanner() {}

  /** How much one reconcile does and shows: creates per batch, leaderboard entries in status. */
  public record Limits(int batch, int top) {}

  /**
   * @param children the sweep's child runs by name, as observed
   * @param rejected children the API server refused to create, by name, with its message
   * @param refusal why the API server refused the last create for a reason that may pass; null if it did not
   */
  public record Input(AlignmentSweep sweep, SweepLayout layout, Map<String, AlignmentRun> children,
      Map<String, String> rejected, String refusal, Instant now, Limits limits) {}

  public static SweepPlan plan(Input in) {
    SweepLayout layout = in.layout();
    List<String> deletes = in.children().keySet().stream().filter(name -> layout.cellOf(name) == null).sorted().toList();

    // Children on their way out still hold their slot until they are gone: their pods may still be running.
    long unfinished = in.children().values().stream().filter(r -> !finished(r)).count();
    Integer maxParallel = in.sweep().getSpec().maxParallel;
    long slots = maxParallel == null ? Long.MAX_VALUE : Math.max(0, maxParallel - unfinished);
    List<ChildRun> creates = new ArrayList<>();
    for (int i = 0; i < layout.size() && creates.size() < Math.min(slots, in.limits().batch()); i++) {
      String name = layout.name(i);
      if (!in.children().containsKey(name) && !in.rejected().containsKey(name)) {
        creates.add(layout.child(i));
      }
    }
    String waiting = creates.size() == slots ? "waiting for a free slot (maxParallel)" : "waiting to be created";
    List<LeaderboardEntry> table = Leaderboard.rank(entries(in, waiting), in.sweep().getSpec().leaderboard);
    return new SweepPlan(creates, deletes, status(in, table, !creates.isEmpty()), table, tableVersion(in, waiting));
  }

  /**
   * A number that changes whenever the table may have: with the generation, a child's resourceVersion, a refusal
   * or the waiting message. Cheaper than the table itself, which is only serialised when this changed.
   */
  private static long tableVersion(Input in, String waiting) {
    long version = 31L * in.sweep().getMetadata().getGeneration() + waiting.hashCode();
    for (int i = 0; i < in.layout().size(); i++) {
      String name = in.layout().name(i);
      AlignmentRun run = in.children().get(name);
      version = 31 * version + Objects.hash(i, run == null ? null : run.getMetadata().getResourceVersion(),
          in.rejected().get(name));
    }
    return version;
  }

  /** The status of a sweep whose matrix cannot run: what it had, with the reason. */
  public static AlignmentSweepStatus invalid(AlignmentSweep sweep, String message, Instant now, int top) {
    AlignmentSweepStatus prior = sweep.getStatus() == null ? new AlignmentSweepStatus() : sweep.getStatus();
    AlignmentSweepStatus status = new AlignmentSweepStatus();
    status.observedGeneration = sweep.getMetadata().getGeneration();
    status.counts = prior.counts;
    status.metric = prior.metric;
    status.leaderboard = new ArrayList<>(prior.leaderboard.subList(0, Math.min(top, prior.leaderboard.size())));
    status.table = prior.table;
    status.best = prior.best;
    status.bestValue = prior.bestValue;
    status.phase = RunPhase.Failed;
    status.message = Texts.cut(message, 4 * MESSAGE_CHARS);
    Long generation = status.observedGeneration;
    var conditions = Conditions.set(prior.conditions, Conditions.Type.Progressing, false, Reasons.INVALID_MATRIX, status.message, generation, now);
    conditions = Conditions.set(conditions, Conditions.Type.Succeeded, false, Reasons.INVALID_MATRIX, status.message, generation, now);
    status.conditions = Conditions.set(conditions, Conditions.Type.Failed, true, Reasons.INVALID_MATRIX, status.message, generation, now);
    return status;
  }

  private static List<LeaderboardEntry> entries(Input in, String waiting) {
    LeaderboardSpec.ResultName metric = Leaderboard.metric(in.sweep().getSpec().leaderboard);
    List<LeaderboardEntry> entries = new ArrayList<>(in.layout().size());
    for (int i = 0; i < in.layout().size(); i++) {
      LeaderboardEntry entry = new LeaderboardEntry();
      entry.run = in.layout().name(i);
      entry.cell = i;
      entry.parameters = null; // made for the entries shown: decoding 10,000 cells per reconcile adds up
      AlignmentRun run = in.children().get(entry.run);
      if (run != null && run.getStatus() != null) {
        entry.phase = run.getStatus().phase == null ? RunPhase.Pending : run.getStatus().phase;
        entry.results = run.getStatus().results;
        entry.message = Texts.cut(run.getStatus().message, MESSAGE_CHARS);
        entry.value = entry.phase == RunPhase.Succeeded ? ResultValues.of(run.getStatus().results, metric) : null;
      } else if (run == null && in.rejected().containsKey(entry.run)) {
        entry.phase = RunPhase.Failed;
        entry.notCreated = Texts.cut(in.rejected().get(entry.run), MESSAGE_CHARS);
        entry.message = Texts.cut(NOT_CREATED + in.rejected().get(entry.run), MESSAGE_CHARS);
      } else {
        entry.phase = RunPhase.Pending;
        entry.message = run == null ? waiting : null;
      }
      entries.add(entry);
    }
    return entries;
  }

  private static AlignmentSweepStatus status(Input in, List<LeaderboardEntry> ranked, boolean creating) {
    SweepCounts counts = new SweepCounts();
    counts.total = ranked.size();
    for (LeaderboardEntry entry : ranked) {
      if (in.children().containsKey(entry.run)) {
        counts.created++;
      }
      switch (entry.phase) {
        case Succeeded -> counts.succeeded++;
        case Failed -> counts.failed++;
        case Running, Suspended -> counts.running++;
        case Pending -> counts.pending++;
      }
    }
    LeaderboardSpec.ResultName metric = Leaderboard.metric(in.sweep().getSpec().leaderboard);
    AlignmentSweepStatus prior = in.sweep().getStatus() == null ? new AlignmentSweepStatus() : in.sweep().getStatus();
    AlignmentSweepStatus status = new AlignmentSweepStatus();
    status.observedGeneration = in.sweep().getMetadata().getGeneration();
    status.counts = counts;
    status.metric = metric.name();
    status.leaderboard = new ArrayList<>(ranked.subList(0, Math.min(in.limits().top(), ranked.size())));
    status.leaderboard.forEach(entry -> entry.parameters = in.layout().cell(entry.cell).parameters());
    status.table = new LeaderboardTable();
    status.table.configMap = DerivedNames.leaderboard(in.sweep().getMetadata().getName(), 0);
    status.table.key = LeaderboardConfigMap.KEY;
    status.table.rows = ranked.size();
    if (!ranked.isEmpty() && ranked.get(0).rank != null) {
      status.best = ranked.get(0).run;
      status.bestValue = ranked.get(0).value;
    }
    boolean done = counts.succeeded + counts.failed == counts.total;
    boolean started = !in.children().isEmpty() || creating;
    status.phase = done ? (counts.failed == 0 ? RunPhase.Succeeded : RunPhase.Failed)
        : started ? RunPhase.Running : RunPhase.Pending;
    status.message = message(in.refusal(), creating, counts, ranked, metric);
    String reason = done ? (counts.failed == 0 ? Reasons.ALL_RUNS_SUCCEEDED : Reasons.RUNS_FAILED)
        : in.refusal() != null ? Reasons.CREATE_REFUSED : Reasons.RUNS_IN_PROGRESS;
    Long generation = status.observedGeneration;
    var conditions = Conditions.set(prior.conditions, Conditions.Type.Progressing, !done, reason, status.message, generation, in.now());
    conditions = Conditions.set(conditions, Conditions.Type.Succeeded, done && counts.failed == 0, reason, status.message, generation, in.now());
    status.conditions = Conditions.set(conditions, Conditions.Type.Failed, done && counts.failed > 0, reason, status.message, generation, in.now());
    return status;
  }

  private static String message(String refusal, boolean creating, SweepCounts counts, List<LeaderboardEntry> ranked,
      LeaderboardSpec.ResultName metric) {
    String tally = counts.total + " runs: " + counts.succeeded + " succeeded, " + counts.running + " running, "
        + counts.pending + " pending, " + counts.failed + " failed";
    if (!ranked.isEmpty() && ranked.get(0).rank != null) {
      tally += "; best " + ranked.get(0).run + " (" + metric + " " + ranked.get(0).value + ")";
    }
    if (refusal != null) {
      return "cannot create runs: " + Texts.cut(refusal, MESSAGE_CHARS) + "; " + tally;
    }
    return creating ? "creating runs: " + counts.created + " of " + counts.total + " created; " + tally : tally;
  }

  private static boolean finished(AlignmentRun run) {
    RunPhase phase = run.getStatus() == null ? null : run.getStatus().phase;
    return phase == RunPhase.Succeeded || phase == RunPhase.Failed;
  }
}
