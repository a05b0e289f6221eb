package dev.alignment.operator.status;

import dev.alignment.api.v1alpha1.StagePhase;
import dev.alignment.api.v1alpha1.StageStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A stage that changed phase or attempt in one reconcile; drives events and metrics.
 *
 * @param from the phase before (Pending for a new stage)
 * @param stage the stage's status after
 */
public record StageTransition(StagePhase from, StageStatus stage) {

  public static List<StageTransition> between(List<StageStatus> before, List<StageStatus> after) {
    Map<String, StageStatus> old =
        before.stream().collect(Collectors.toMap(s -> s.name, Function.identity(), (a, b) -> a));
    List<StageTransition> changes = new ArrayList<>();
    for (StageStatus now : after) {
      StageStatus was = old.get(now.name);
      StagePhase from = was == null || was.phase == null ? StagePhase.Pending : was.phase;
      Integer attemptsBefore = was == null ? null : was.attempts;
      if (from != now.phase || !Objects.equals(attemptsBefore, now.attempts) && now.phase == StagePhase.Running) {
        changes.add(new StageTransition(from, now));
      }
    }
    return changes;
  }
}
