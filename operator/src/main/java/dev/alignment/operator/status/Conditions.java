package dev.alignment.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The condition types the operator writes and how it sets them: the Kubernetes way, lastTransitionTime changes
 * only when the status flips. Their reasons are in {@link Reasons}; Event reasons are a type of their own.
 */
public final class Conditions {
  /** Condition types; stable API for users' tooling and alerts. */
  public enum Type {
    Ready,
    Progressing,
    Succeeded,
    Failed,
    Suspended,
    /**
     * True while reconciles fail for a reason that may pass (the API server refused a request or did not answer):
     * the reason and the server's message. Not a phase: it goes once a reconcile succeeds.
     */
    ReconcileFailure
  }

  private Conditions() {}

  public static List<Condition> set(
      List<Condition> current, Type type, boolean status, String reason, String message, Long generation, Instant now) {
    List<Condition> next = new ArrayList<>();
    String value = status ? "True" : "False";
    String since = now.toString();
    for (Condition c : current == null ? List.<Condition>of() : current) {
      if (is(c, type)) {
        if (value.equals(c.getStatus()) && c.getLastTransitionTime() != null) {
          since = c.getLastTransitionTime();
        }
      } else {
        next.add(c);
      }
    }
    next.add(
        new ConditionBuilder()
            .withType(type.name())
            .withStatus(value)
            .withReason(reason)
            .withMessage(message == null ? "" : message)
            .withObservedGeneration(generation)
            .withLastTransitionTime(since)
            .build());
    next.sort((a, b) -> a.getType().compareTo(b.getType()));
    return next;
  }

  public static boolean isTrue(List<Condition> conditions, Type type) {
    return conditions != null && conditions.stream().anyMatch(c -> is(c, type) && "True".equals(c.getStatus()));
  }

  /** Whether the condition is of this type. */
  public static boolean is(Condition condition, Type type) {
    return type.name().equals(condition.getType());
  }
}
