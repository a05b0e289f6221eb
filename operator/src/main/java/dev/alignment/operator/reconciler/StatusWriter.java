package dev.alignment.operator.reconciler;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alignment.operator.status.Conditions;
import dev.alignment.operator.status.StatusLimits;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import java.lang.reflect.InvocationTargetException;
import java.net.HttpURLConnection;
import java.time.Instant;
import java.util.List;

/**
 * The one status write of a reconcile: a server-side apply of the whole status, its messages cut to size (see
 * {@link StatusLimits}), skipped when nothing changed, with the result put in JOSDK's cache so the next reconcile
 * reads its own write. Every kind's status has its {@code conditions} list, which this reads and writes by name.
 */
final class StatusWriter {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CONDITIONS = "conditions";
  private static final TypeReference<List<Condition>> CONDITION_LIST = new TypeReference<>() {};

  private StatusWriter() {}

  /** Writes the status of a reconcile that went through: a failure shown before is gone. Returns true when written. */
  static <S, P extends CustomResource<?, S>> boolean write(P primary, S status, Context<P> context) {
    ObjectNode tree = JSON.valueToTree(status);
    if (tree.get(CONDITIONS) instanceof ArrayNode conditions) {
      ArrayNode kept = tree.putArray(CONDITIONS);
      conditions.forEach(c -> {
        if (!Conditions.Type.ReconcileFailure.name().equals(c.path("type").asText())) {
          kept.add(c);
        }
      });
    }
    return apply(primary, tree, status, context);
  }

  /** Writes {@code prior} with the condition {@code ReconcileFailure} set: why reconciles fail meanwhile. */
  static <S, P extends CustomResource<?, S>> void writeFailure(
      P primary, S prior, String reason, String message, Instant now, Context<P> context) {
    ObjectNode tree = JSON.valueToTree(prior);
    tree.set(CONDITIONS, JSON.valueToTree(Conditions.set(conditions(tree), Conditions.Type.ReconcileFailure, true,
        reason, message, primary.getMetadata().getGeneration(), now)));
    apply(primary, tree, prior, context);
  }

  private static List<Condition> conditions(ObjectNode status) {
    JsonNode conditions = status.get(CONDITIONS);
    return conditions == null || conditions.isNull() ? List.of() : JSON.convertValue(conditions, CONDITION_LIST);
  }

  private static <S, P extends CustomResource<?, S>> boolean apply(P primary, JsonNode status, S like, Context<P> context) {
    JsonNode bounded = StatusLimits.bounded(status);
    if (bounded.equals(currentStatus(primary))) {
      return false;
    }
    P fresh = emptyLike(primary);
    fresh.setMetadata(new ObjectMetaBuilder()
        .withName(primary.getMetadata().getName())
        .withNamespace(primary.getMetadata().getNamespace())
        .build());
    fresh.setStatus(typed(bounded, like));
    // JOSDK's own SSA status patch, but for what happens on a refusal: JOSDK retries a 409 (a stale read) once its
    // cache has a newer object, and would do the same for a 422, which no newer object cures: that wait would end in
    // a timeout that has lost the API server's words. Any refusal but a 409 leaves at once, with them.
    PrimaryUpdateAndCacheUtils.updateAndCacheResource(primary, context, latest -> fresh, toApply -> {
      try {
        return context.getClient().resource(toApply).subresource("status").patch(new PatchContext.Builder()
            .withForce(true)
            .withFieldManager(context.getControllerConfiguration().fieldManager())
            .withPatchType(PatchType.SERVER_SIDE_APPLY)
            .build());
      } catch (KubernetesClientException e) {
        if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
          throw e;
        }
        throw new Refused(e);
      }
    });
    return true;
  }

  /** A status write the API server refused (or did not answer) for a reason other than a stale read. */
  static final class Refused extends RuntimeException {
    Refused(KubernetesClientException cause) {
      super(cause.getMessage(), cause);
    }
  }

  private static JsonNode currentStatus(CustomResource<?, ?> primary) {
    return primary.getStatus() == null ? null : JSON.valueToTree(primary.getStatus());
  }

  @SuppressWarnings("unchecked")
  private static <S> S typed(JsonNode tree, S like) {
    try {
      return (S) JSON.treeToValue(tree, like.getClass());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("status does not read back as " + like.getClass(), e);
    }
  }

  @SuppressWarnings("unchecked")
  private static <P> P emptyLike(P primary) {
    try {
      return (P) primary.getClass().getDeclaredConstructor().newInstance();
    } catch (InstantiationException | IllegalAccessException | InvocationTargetException | NoSuchMethodException e) {
      throw new IllegalStateException("cannot instantiate " + primary.getClass(), e);
    }
  }
}
