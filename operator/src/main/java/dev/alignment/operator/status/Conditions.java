package dev.alignment.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Sets conditions the Kubernetes way: lastTransitionTime changes only when the status flips. */
public final class Conditions {
  private Conditions() {}

  public static List<Condition> set(
      List<Condition> current, String type, boolean status, String reason, String message, Long generation, Instant now) {
    List<Condition> next = new ArrayList<>();
    String value = status ? "True" : "False";
    String since = now.toString();
    for (Condition c : current == null ? List.<Condition>of() : current) {
      if (type.equals(c.getType())) {
        if (value.equals(c.getStatus()) && c.getLastTransitionTime() != null) {
          since = c.getLastTransitionTime();
        }
      } else {
        next.add(c);
      }
    }
    next.add(
        new ConditionBuilder()
            .withType(type)
            .withStatus(value)
            .withReason(reason)
            .withMessage(message == null ? "" : message)
            .withObservedGeneration(generation)
            .withLastTransitionTime(since)
            .build());
    next.sort((a, b) -> a.getType().compareTo(b.getType()));
    return next;
  }

  public static boolean isTrue(List<Condition> conditions, String type) {
    return conditions != null
        && conditions.stream().anyMatch(c -> type.equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
