package dev.alignment.operator.runtime;

import dev.alignment.operator.stage.Readiness;
import dev.alignment.operator.stage.StageSpec;
import dev.alignment.operator.status.Reasons;
import java.util.List;

/**
 * A resource's stages with the Launch of each role, or, while the runtime its spec names does not exist, its stages
 * unlaunched and the wait that keeps them from starting.
 *
 * @param stages the stages; their roles carry a Launch once resolved
 * @param readiness ready once resolved; RuntimeNotFound, naming the runtime, while it is missing
 */
public record Resolution(List<StageSpec> stages, Readiness readiness) {
  public Resolution {
    stages = List.copyOf(stages);
  }

  static Resolution missing(List<StageSpec> stages, String runtime) {
    return new Resolution(stages, Readiness.waiting(Reasons.RUNTIME_NOT_FOUND,
        "waiting for TrainerRuntime " + runtime + " (spec.runtime) to be applied (not found)"));
  }

  /** This resolution's wait, or {@code otherwise} when the runtime is found. */
  public Readiness readinessOr(Readiness otherwise) {
    return readiness.isReady() ? otherwise : readiness;
  }
}
