package dev.alignment.operator.reconciler;

import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.function.Supplier;

/**
 * What the operator's reconcilers share. Each is configured to be called on every event, deletions included (the
 * operator puts no finalizers on its objects): an object deleted or on its way out is not reconciled, and what the
 * reconciler keeps in memory about it is dropped. A reconcile that throws ends in the object's status (see
 * {@link ReconcileErrors}).
 *
 * @param <P> the kind; first, as JOSDK takes a reconciler's kind from its superclass's first type argument
 * @param <T> the spec
 * @param <S> the status
 */
abstract class BaseReconciler<P extends CustomResource<T, S>, T, S> implements Reconciler<P> {
  private final ReconcileErrors errors;
  private final Supplier<S> emptyStatus;

  BaseReconciler(ReconcileErrors errors, Supplier<S> emptyStatus) {
    this.errors = errors;
    this.emptyStatus = emptyStatus;
  }

  @Override
  public final UpdateControl<P> reconcile(P primary, Context<P> context) {
    if (context.isPrimaryResourceDeleted() || primary.isMarkedForDeletion()) {
      errors.forget(primary);
      forget(ResourceID.fromResource(primary));
      return UpdateControl.noUpdate();
    }
    return reconcile(primary, errors.specOf(primary), statusOf(primary), context);
  }

  @Override
  public final ErrorStatusUpdateControl<P> updateErrorStatus(P primary, Context<P> context, Exception e) {
    S prior = statusOf(primary);
    return errors.report(primary, e, prior, message -> invalid(primary, prior, message), context);
  }

  /** Reconciles a live object whose spec could be read, given its status as last written (empty before). */
  abstract UpdateControl<P> reconcile(P primary, T spec, S prior, Context<P> context);

  /** The object's status as last written, or an empty one. */
  final S statusOf(P primary) {
    return primary.getStatus() == null ? emptyStatus.get() : primary.getStatus();
  }

  /** The status of an object failed for a reason of its spec, keeping what {@code prior} holds. */
  abstract S invalid(P primary, S prior, String message);

  /** Drops what this reconciler keeps in memory about the object. */
  void forget(ResourceID id) {}
}
