package dev.alignment.operator.policy;

import dev.alignment.operator.config.AllowList;
import java.util.List;

/** spec.scheduling.priorityClassName: only a class the operator's allowedPriorityClasses permits. */
record PriorityClassPolicy(AllowList allowedPriorityClasses) implements PodPolicy {
  @Override
  public List<Refusal> check(PodOverrides overrides) {
    String priorityClass = overrides.scheduling().priorityClassName;
    if (priorityClass == null || allowedPriorityClasses.permits(priorityClass)) {
      return List.of();
    }
    return List.of(Refusal.notAllowed("spec.scheduling.priorityClassName", priorityClass, allowedPriorityClasses));
  }
}
