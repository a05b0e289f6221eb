package dev.alignment.operator.reconciler;

/**
 * The reasons of the Kubernetes Events the operator posts, each with its Event type; stable API for users' alerts.
 * A type of their own, so that a condition reason cannot be posted as one.
 */
enum EventReason {
  StageStarted(Type.Normal),
  StageSucceeded(Type.Normal),
  StageRetrying(Type.Warning),
  StageSuspended(Type.Normal),
  StageFailed(Type.Warning),
  RunCreated(Type.Normal),
  RunDeleted(Type.Normal),
  RunRejected(Type.Warning),
  /** An object the operator creates was refused by the API server. */
  CreateRefused(Type.Warning),
  /** An object of the name a stage attempt needs exists and is not the resource's own: it is not adopted. */
  OwnershipConflict(Type.Warning),
  InvalidSpec(Type.Warning),
  /** A reconcile failed for a reason that may pass; it is retried. */
  ReconcileError(Type.Warning),
  /** A sweep ended with every run succeeded. */
  Succeeded(Type.Normal),
  /** A sweep ended with some run failed, or could not run. */
  Failed(Type.Warning);

  /** The Event's type field. */
  enum Type { Normal, Warning }

  private final Type type;

  EventReason(Type type) {
    this.type = type;
  }

  Type type() {
    return type;
  }
}
