package dev.alignment.operator.reconciler;

import dev.alignment.api.v1alpha1.StagePhase;
import dev.alignment.api.v1alpha1.StageStatus;
import dev.alignment.operator.stage.RefusedCreate;
import dev.alignment.operator.status.StageTransition;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Posts Kubernetes Events for stage transitions, after the status write; a failed post is logged, not fatal. */
final class EventRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
  private static final String COMPONENT = "alignment-operator";

  private final KubernetesClient client;
  private final Clock clock;

  EventRecorder(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  void record(HasMetadata owner, List<StageTransition> transitions, List<RefusedCreate> refusals) {
    Set<String> refused = refusals.stream().map(RefusedCreate::stage).collect(Collectors.toSet());
    for (RefusedCreate refusal : refusals) {
      post(owner, refusal.notOwned() ? EventReason.OwnershipConflict : EventReason.CreateRefused,
          "stage " + refusal.stage() + " " + refusal.describe());
    }
    for (StageTransition t : transitions) {
      StageStatus stage = t.stage();
      if (t.retried()) {
        post(owner, EventReason.StageRetrying, "stage " + stage.name + " " + stage.message
            + " (failure " + stage.failures + ")");
      }
      if (t.started() && !refused.contains(stage.name)) {
        post(owner, EventReason.StageStarted,
            "stage " + stage.name + " started Job " + stage.job + " (attempt " + stage.attempts + ")");
      }
      if (t.reached(StagePhase.Succeeded)) {
        post(owner, EventReason.StageSucceeded, "stage " + stage.name + " succeeded");
      }
      if (t.reached(StagePhase.Failed)) {
        post(owner, EventReason.StageFailed, "stage " + stage.name + " " + stage.message);
      }
      if (t.reached(StagePhase.Suspended)) {
        post(owner, EventReason.StageSuspended, "stage " + stage.name + " suspended");
      }
    }
  }

  /** Posts one Event about {@code owner}. */
  void post(HasMetadata owner, EventReason reason, String message) {
    String now = clock.instant().toString();
    try {
      client.v1().events().inNamespace(owner.getMetadata().getNamespace()).resource(new EventBuilder()
              .withNewMetadata()
              .withName(owner.getMetadata().getName() + "." + UUID.randomUUID().toString().substring(0, 8))
              .withNamespace(owner.getMetadata().getNamespace())
              .endMetadata()
              .withNewInvolvedObject()
              .withApiVersion(owner.getApiVersion())
              .withKind(owner.getKind())
              .withName(owner.getMetadata().getName())
              .withNamespace(owner.getMetadata().getNamespace())
              .withUid(owner.getMetadata().getUid())
              .endInvolvedObject()
              .withType(reason.type().name())
              .withReason(reason.name())
              .withMessage(message.length() > 1024 ? message.substring(0, 1024) : message)
              .withFirstTimestamp(now)
              .withLastTimestamp(now)
              .withCount(1)
              .withNewSource().withComponent(COMPONENT).endSource()
              .withReportingComponent(COMPONENT)
              .build())
          .create();
    } catch (KubernetesClientException e) {
      LOG.warn("could not post event {} for {}/{}: {}", reason, owner.getKind(), owner.getMetadata().getName(),
          e.getMessage());
    }
  }
}
