package dev.alignment.operator.stage;

import dev.alignment.api.v1alpha1.RoleStatus;
import dev.alignment.api.v1alpha1.StagePhase;
import dev.alignment.api.v1alpha1.StageStatus;
import dev.alignment.contract.StageSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides, from a pipeline's recorded stage statuses and its observed Jobs, the next stage statuses, the Jobs to
 * create or delete and the pipeline's outcome. Pure: no I/O, time comes in as input, so every path is unit-tested.
 *
 * <p>Stages run one after another. Each attempt is one Job (or JobSet) named by its attempt number; a Job found with a
 * higher attempt than recorded (the status write after its creation was lost) is adopted, so a restart of the
 * operator never starts a duplicate. The observed Jobs are only those the owner's UID controls: a Job planted
 * with the stage's labels, or left by a deleted owner of the same name, is never adopted.
 */
public final class StagePlanner {
  private StagePlanner() {}

  public static StagePlan plan(PlanInput in) {
    Map<String, StageStatus> recorded = new LinkedHashMap<>();
    in.recorded().forEach(s -> recorded.put(s.name, s));
    List<StageStatus> statuses = new ArrayList<>();
    List<StageAction> actions = new ArrayList<>();
    Outcome outcome = new Outcome.Succeeded();
    for (String stage : in.stages()) {
      StageStatus st = copyOf(recorded.get(stage), stage);
      statuses.add(st);
      List<String> roles = in.roles().getOrDefault(stage, List.of());
      if (outcome instanceof Outcome.Succeeded) {
        Optional<ObservedAttempt> latest = ObservedAttempt.latest(in.jobs(), stage, roles);
        outcome = advance(st, latest, in, actions);
        recordRoles(st, roles, latest, in.owner());
      }
    }
    return new StagePlan(statuses, actions, outcome);
  }

  /** Moves one stage forward; returns Succeeded to let the next stage proceed, anything else to stop there. */
  private static Outcome advance(StageStatus st, Optional<ObservedAttempt> latest, PlanInput in, List<StageAction> actions) {
    adoptNewerAttempt(st, latest, in);
    Optional<ObservedAttempt> current = latest.filter(a -> a.attempt() == st.attempts);
    current.ifPresent(a -> st.restarts = a.restarts() > 0 ? a.restarts() : null);
    // A JobSet is named apart from its roles' Jobs: the status names what exists.
    current.flatMap(ObservedAttempt::primaryName).ifPresent(name -> st.job = name);

    if (st.phase == StagePhase.Succeeded) {
      return new Outcome.Succeeded();
    }
    if (st.phase == StagePhase.Failed) {
      return new Outcome.Failed(st.name, st.message);
    }
    if (in.suspend()) {
      return suspend(st, current, actions);
    }
    return switch (st.phase) {
      case Pending, Suspended -> startAttempt(st, in, actions);
      case Retrying -> retryWhenDue(st, in, actions);
      default -> followRunning(st, current, in, actions);
    };
  }

  private static Outcome followRunning(
      StageStatus st, Optional<ObservedAttempt> current, PlanInput in, List<StageAction> actions) {
    JobState state = current.map(ObservedAttempt::state).orElse(JobState.DELETING);
    if (state != JobState.ACTIVE && state != JobState.SUCCEEDED) {
      // One role failing ends the attempt: its siblings stop too, and the next attempt restarts them all.
      current.ifPresent(attempt -> stopActive(st, attempt, actions));
    }
    switch (state) {
      case ACTIVE:
        return new Outcome.Running(st.name, st.attempts);
      case SUCCEEDED:
        StageSummary done = current.get().summary();
        st.phase = StagePhase.Succeeded;
        st.completionTime = timeOf(current.get().finishedAt(), in.now());
        st.message = done == null ? null : done.message();
        st.metrics = done == null || done.metrics() == null || done.metrics().isEmpty() ? null : new LinkedHashMap<>(done.metrics());
        st.output = done == null ? null : done.output();
        st.digest = done == null ? null : done.digest();
        return new Outcome.Succeeded();
      case FAILED_OUT_OF_MEMORY:
        if (in.retryOutOfMemory()) {
          return recordFailure(st, messageOf(current.get(), "out of memory"), current.get().finishedAt(), in, actions);
        }
        return failForGood(st, current.get(), "out of memory", in);
      case FAILED_PERMANENT:
        return failForGood(st, current.get(), "failed on bad input", in);
      default:
        String message =
            current.map(a -> messageOf(a, "failed")).orElse("Job " + st.job + " disappeared before it finished");
        Instant failedAt = current.map(ObservedAttempt::finishedAt).orElse(in.now());
        return recordFailure(st, message, failedAt, in, actions);
    }
  }

  private static Outcome failForGood(StageStatus st, ObservedAttempt attempt, String fallback, PlanInput in) {
    st.phase = StagePhase.Failed;
    st.completionTime = timeOf(attempt.finishedAt(), in.now());
    st.message = messageOf(attempt, fallback);
    return new Outcome.Failed(st.name, st.message);
  }

  private static Outcome recordFailure(
      StageStatus st, String message, Instant failedAt, PlanInput in, List<StageAction> actions) {
    st.failures = orZero(st.failures) + 1;
    if (st.failures > in.maxRetries()) {
      st.phase = StagePhase.Failed;
      st.completionTime = timeOf(failedAt, in.now());
      st.message = "failed after " + st.attempts + " attempt(s): " + message;
      return new Outcome.Failed(st.name, st.message);
    }
    Instant retryAt = failedAt.plus(in.backoff().delayAfter(st.failures));
    st.phase = StagePhase.Retrying;
    st.nextRetryTime = retryAt.toString();
    st.message = "attempt " + st.attempts + " " + message;
    return retryWhenDue(st, in, actions);
  }

  private static Outcome retryWhenDue(StageStatus st, PlanInput in, List<StageAction> actions) {
    Instant retryAt = st.nextRetryTime == null ? in.now() : Instant.parse(st.nextRetryTime);
    if (in.now().isBefore(retryAt)) {
      return new Outcome.Retrying(st.name, orZero(st.failures), Duration.between(in.now(), retryAt), st.message);
    }
    return startAttempt(st, in, actions);
  }

  private static Outcome startAttempt(StageStatus st, PlanInput in, List<StageAction> actions) {
    if (!in.readiness().isReady()) {
      return new Outcome.Waiting(in.readiness().reason(), in.readiness().message());
    }
    st.attempts = orZero(st.attempts) + 1;
    List<String> roles = in.roles().getOrDefault(st.name, List.of());
    st.job = DerivedNames.job(in.owner(), st.name, roles.isEmpty() ? null : roles.get(0), st.attempts);
    st.phase = StagePhase.Running;
    st.nextRetryTime = null;
    st.restarts = null;
    if (st.startTime == null) {
      st.startTime = in.now().toString();
    }
    actions.add(new StageAction.CreateJob(st.name, st.attempts));
    return new Outcome.Running(st.name, st.attempts);
  }

  private static Outcome suspend(StageStatus st, Optional<ObservedAttempt> current, List<StageAction> actions) {
    current.ifPresent(attempt -> stopActive(st, attempt, actions));
    if (orZero(st.attempts) > 0 && st.phase != StagePhase.Retrying) {
      st.phase = StagePhase.Suspended;
      st.message = "suspended; resumes from its last checkpoint";
    }
    return new Outcome.Suspended();
  }

  /**
   * The plan after its creates were refused: a stage whose attempt could not start fails for good when the same
   * objects would be refused again (invalid), and otherwise waits out a backoff and tries a new attempt, without
   * counting a failure against maxRetries.
   */
  public static StagePlan refused(StagePlan plan, List<RefusedCreate> refusals, BackoffPolicy backoff, Instant now) {
    if (refusals.isEmpty()) {
      return plan;
    }
    Outcome outcome = plan.outcome();
    for (RefusedCreate refusal : refusals) {
      for (StageStatus st : plan.stages()) {
        if (!st.name.equals(refusal.stage())) {
          continue;
        }
        if (refusal.permanent()) {
          st.phase = StagePhase.Failed;
          st.completionTime = now.toString();
          st.message = "attempt " + refusal.attempt() + " could not start: " + refusal.describe();
          outcome = new Outcome.Failed(st.name, st.message);
        } else {
          Duration wait = backoff.delayAfter(orZero(st.failures) + 1);
          st.phase = StagePhase.Retrying;
          st.nextRetryTime = now.plus(wait).toString();
          st.message = "attempt " + refusal.attempt() + " could not start: " + refusal.describe();
          outcome = new Outcome.Retrying(st.name, orZero(st.failures), wait, st.message);
        }
      }
    }
    return new StagePlan(plan.stages(), plan.actions(), outcome, List.copyOf(refusals));
  }

  /** A Job with a higher attempt than recorded means the status write after creating it was lost: adopt it. */
  private static void adoptNewerAttempt(StageStatus st, Optional<ObservedAttempt> latest, PlanInput in) {
    latest
        .filter(a -> a.attempt() > orZero(st.attempts))
        .ifPresent(
            a -> {
              List<String> roles = in.roles().getOrDefault(st.name, List.of());
              st.attempts = a.attempt();
              st.job = DerivedNames.job(in.owner(), st.name, roles.isEmpty() ? null : roles.get(0), a.attempt());
              st.phase = StagePhase.Running;
              st.nextRetryTime = null;
            });
  }

  private static void stopActive(StageStatus st, ObservedAttempt attempt, List<StageAction> actions) {
    attempt.active().forEach(j -> actions.add(new StageAction.DeleteJob(st.name, j.name())));
  }

  /** Each role's Job and phase in the stage's latest attempt; only stages of several Jobs have roles. */
  private static void recordRoles(StageStatus st, List<String> roles, Optional<ObservedAttempt> latest, String owner) {
    if (roles.isEmpty() || orZero(st.attempts) == 0) {
      return;
    }
    Optional<ObservedAttempt> current = latest.filter(a -> a.attempt() == st.attempts);
    List<RoleStatus> out = new ArrayList<>();
    for (String role : roles) {
      RoleStatus r = new RoleStatus();
      r.name = role;
      Optional<ObservedJob> job = current.flatMap(a -> a.job(role));
      // The roles of a JobSet share its name.
      r.job = job.map(ObservedJob::name).orElse(DerivedNames.job(owner, st.name, role, st.attempts));
      r.phase = job.map(j -> rolePhase(j.state())).orElse(StagePhase.Pending);
      r.message = job.filter(j -> r.phase == StagePhase.Failed).map(j -> messageOf(j.summary(), "failed")).orElse(null);
      out.add(r);
    }
    st.roles = out;
  }

  private static StagePhase rolePhase(JobState state) {
    return switch (state) {
      case ACTIVE -> StagePhase.Running;
      case SUCCEEDED -> StagePhase.Succeeded;
      case DELETING -> StagePhase.Suspended;
      default -> StagePhase.Failed;
    };
  }

  private static String messageOf(ObservedAttempt attempt, String fallback) {
    return messageOf(attempt.summary(), fallback);
  }

  private static String messageOf(StageSummary summary, String fallback) {
    return summary != null && summary.message() != null ? summary.message() : fallback;
  }

  /** The recorded status of a stage to plan from, or a fresh Pending one; zero where counts were never set. */
  private static StageStatus copyOf(StageStatus prior, String stage) {
    StageStatus st = prior == null ? new StageStatus() : prior.copy();
    st.name = stage;
    st.phase = st.phase == null ? StagePhase.Pending : st.phase;
    st.attempts = orZero(st.attempts);
    st.failures = orZero(st.failures);
    return st;
  }

  private static String timeOf(Instant at, Instant fallback) {
    return (at == null ? fallback : at).toString();
  }

  private static int orZero(Integer value) {
    return value == null ? 0 : value;
  }
}
