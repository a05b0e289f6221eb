package dev.alignment.operator.status;

import dev.alignment.api.v1alpha1.AlignmentRun;
import dev.alignment.api.v1alpha1.AlignmentRunStatus;
import dev.alignment.api.v1alpha1.Progress;
import dev.alignment.api.v1alpha1.Results;
import dev.alignment.api.v1alpha1.RunPhase;
import dev.alignment.api.v1alpha1.StagePhase;
import dev.alignment.api.v1alpha1.StageStatus;
import dev.alignment.contract.SummaryMetrics;
import dev.alignment.operator.stage.Outcome;
import dev.alignment.operator.stage.StagePlan;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds an AlignmentRun's status from a stage plan: phase, the four conditions, progress and results. */
public final class RunStatuses {
  private RunStatuses() {}

  /**
   * @param policyStage the stage whose output is the run's final policy
   * @param evalStage the stage whose metrics are the run's results
   * @param live the running stage's progress as its trainer reports it, when it was read in this reconcile
   */
  public static AlignmentRunStatus from(AlignmentRun run, StagePlan plan, String policyStage, String evalStage,
      Optional<TrainerProgress> live, Instant now) {
    AlignmentRunStatus prior = run.getStatus() == null ? new AlignmentRunStatus() : run.getStatus();
    AlignmentRunStatus status = new AlignmentRunStatus();
    Long generation = run.getMetadata().getGeneration();
    Outcome outcome = plan.outcome();
    status.observedGeneration = generation;
    status.stages = plan.stages();
    boolean started = plan.stages().stream().anyMatch(s -> s.attempts != null && s.attempts > 0);
    status.phase = switch (outcome.kind()) {
      case RUNNING, RETRYING -> RunPhase.Running;
      case WAITING -> started ? RunPhase.Running : RunPhase.Pending;
      case SUSPENDED -> RunPhase.Suspended;
      case SUCCEEDED -> RunPhase.Succeeded;
      case FAILED -> RunPhase.Failed;
    };
    status.message = Outcomes.message(outcome);
    String reason = Outcomes.reason(outcome);
    boolean progressing = outcome instanceof Outcome.Running || outcome instanceof Outcome.Retrying;
    boolean suspended = outcome instanceof Outcome.Suspended;
    List<Condition> c = prior.conditions;
    c = Conditions.set(c, Conditions.Type.Progressing, progressing, reason, status.message, generation, now);
    c = Conditions.set(c, Conditions.Type.Succeeded, outcome instanceof Outcome.Succeeded,
        outcome instanceof Outcome.Succeeded ? reason : Reasons.IN_PROGRESS, status.message, generation, now);
    c = Conditions.set(c, Conditions.Type.Failed, outcome instanceof Outcome.Failed,
        outcome instanceof Outcome.Failed ? reason : Reasons.IN_PROGRESS, status.message, generation, now);
    c = Conditions.set(c, Conditions.Type.Suspended, suspended,
        suspended ? Reasons.SUSPENDED_BY_USER : Reasons.NOT_SUSPENDED, suspended ? status.message : "", generation, now);
    status.conditions = c;
    status.progress = progress(plan.stages(), prior.progress, live);
    stage(plan.stages(), evalStage).filter(s -> s.phase == StagePhase.Succeeded)
        .ifPresent(eval -> status.results = results(eval.metrics));
    stage(plan.stages(), policyStage).filter(s -> s.phase == StagePhase.Succeeded)
        .ifPresent(policy -> status.model = policy.output);
    return status;
  }

  private static Progress progress(List<StageStatus> stages, Progress prior, Optional<TrainerProgress> live) {
    int done = (int) stages.stream().filter(s -> s.phase == StagePhase.Succeeded).count();
    StageStatus current = stages.stream().filter(s -> s.phase != StagePhase.Succeeded).findFirst()
        .orElse(stages.isEmpty() ? null : stages.get(stages.size() - 1));
    Progress p = new Progress();
    p.stage = current == null ? null : current.name;
    boolean running = current != null && current.phase == StagePhase.Running;
    if (running && live.isPresent()) {
      p.step = live.get().step();
      p.totalSteps = live.get().totalSteps();
      p.eta = live.get().etaText();
    } else if (running && prior != null && p.stage.equals(prior.stage)) {
      // Between reads, keep the last reported step rather than flapping back to none.
      p.step = prior.step;
      p.totalSteps = prior.totalSteps;
      p.eta = prior.eta;
    }
    p.summary = done + "/" + stages.size() + " stages"
        + (p.step == null ? "" : ", " + p.stage + " " + p.step + "/" + p.totalSteps);
    return p;
  }

  private static Results results(Map<String, Double> m) {
    if (m == null) {
      return null;
    }
    Results r = new Results();
    r.goldReward = m.get(SummaryMetrics.GOLD_REWARD);
    r.referenceGoldReward = m.get(SummaryMetrics.REFERENCE_GOLD_REWARD);
    r.winRate = m.get(SummaryMetrics.WIN_RATE);
    r.kl = m.get(SummaryMetrics.KL);
    r.rankingAccuracy = m.get(SummaryMetrics.RANKING_ACCURACY);
    r.idealizedRankingAccuracy = m.get(SummaryMetrics.IDEALIZED_RANKING_ACCURACY);
    r.alignmentGap = m.get(SummaryMetrics.ALIGNMENT_GAP);
    return r;
  }

  private static Optional<StageStatus> stage(List<StageStatus> stages, String name) {
    return stages.stream().filter(s -> s.name.equals(name)).findFirst();
  }
}
