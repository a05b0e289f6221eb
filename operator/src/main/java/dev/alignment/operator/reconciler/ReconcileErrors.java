package dev.alignment.operator.reconciler;

import dev.alignment.api.v1alpha1.StageStatus;
import dev.alignment.operator.decode.DecodeFailures;
import dev.alignment.operator.job.ApiErrors;
import dev.alignment.operator.metrics.OperatorMetrics;
import dev.alignment.operator.stage.Outcome;
import dev.alignment.operator.stage.StagePlan;
import dev.alignment.operator.status.Reasons;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a reconcile that threw leaves behind. A spec the operator cannot turn into stages (an invalid value, or an
 * object that could not be read at all) fails the resource in status with the reason {@code InvalidSpec}, and is
 * not retried until it changes. Anything else (the API server refused a request or did not answer; a bug) is
 * retried by JOSDK with backoff, and shown meanwhile: a Warning Event and, in status, the condition
 * {@code ReconcileFailure} with the reason and the server's message, the phase untouched.
 */
record ReconcileErrors(EventRecorder events, OperatorMetrics metrics, DecodeFailures decodeFailures, Clock clock) {
  private static final Logger LOG = LoggerFactory.getLogger(ReconcileErrors.class);

  /** The primary's spec; an object whose spec could not be read is an invalid spec, with the reason why. */
  <T> T specOf(CustomResource<T, ?> primary) {
    if (primary.getSpec() == null) {
      throw new IllegalArgumentException(decodeFailures.of(primary)
          .map(why -> "the object does not fit the " + primary.getKind() + " type: " + why)
          .orElse("spec is missing"));
    }
    return primary.getSpec();
  }

  /** Forgets why the object could not be read: it is deleted. */
  void forget(HasMetadata primary) {
    decodeFailures.forget(primary);
  }

  /** A plan that fails a pipeline for a reason of its spec, keeping the stages as last written. */
  static StagePlan invalidSpec(List<StageStatus> recorded, String message) {
    return new StagePlan(recorded, List.of(), new Outcome.Failed(null, message));
  }

  /**
   * @param prior the status as last written (empty before the first write)
   * @param failedStatus the kind's status, failed with the given message
   */
  <S, P extends CustomResource<?, S>> ErrorStatusUpdateControl<P> report(
      P primary, Exception error, S prior, Function<String, S> failedStatus, Context<P> context) {
    Optional<IllegalArgumentException> invalid = cause(error, IllegalArgumentException.class);
    metrics.reconcileError(primary.getKind(), invalid.isPresent());
    if (invalid.isPresent()) {
      String message = "invalid spec: " + invalid.get().getMessage();
      StatusWriter.write(primary, failedStatus.apply(message), context);
      events.post(primary, EventReason.InvalidSpec, message);
      return ErrorStatusUpdateControl.<P>noStatusUpdate().withNoRetry();
    }
    Optional<KubernetesClientException> refused = cause(error, KubernetesClientException.class);
    String message = refused
        .map(e -> "request to the API server failed (" + e.getCode() + "): " + ApiErrors.message(e))
        .orElseGet(error::toString) + "; retrying";
    LOG.warn("reconcile of {} {}/{} failed; retrying", primary.getKind(), primary.getMetadata().getNamespace(),
        primary.getMetadata().getName(), error);
    events.post(primary, EventReason.ReconcileError, message);
    try {
      StatusWriter.writeFailure(primary, prior,
          refused.isPresent() ? Reasons.API_REQUEST_FAILED : Reasons.INTERNAL_ERROR, message, clock.instant(), context);
    } catch (RuntimeException e) {
      // Showing the failure is worth a try, not a second failure: the retry goes on either way.
      LOG.warn("could not show the failure in the status of {} {}/{}: {}", primary.getKind(),
          primary.getMetadata().getNamespace(), primary.getMetadata().getName(), e.getMessage());
    }
    return ErrorStatusUpdateControl.defaultErrorProcessing();
  }

  /** JOSDK hands the reconciler's exception over wrapped (in an OperatorException, say): look through causes. */
  private static <T extends Throwable> Optional<T> cause(Throwable error, Class<T> type) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return Optional.of(type.cast(t));
      }
    }
    return Optional.empty();
  }
}
