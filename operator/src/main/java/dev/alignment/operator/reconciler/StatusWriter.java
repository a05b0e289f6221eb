package dev.alignment.operator.reconciler;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alignment.operator.status.StatusLimits;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import java.lang.reflect.InvocationTargetException;

/**
 * The one status write of a reconcile: a server-side apply of the whole status, its messages cut to size (see
 * {@link StatusLimits}), skipped when nothing changed, with the result put in JOSDK's cache so the next reconcile
 * reads its own write.
 */
final class StatusWriter {
  private static final ObjectMapper JSON = new ObjectMapper();

  private StatusWriter() {}

  /** Returns true when the status changed and was written. */
  static <S, P extends CustomResource<?, S>> boolean write(P primary, S status, Context<P> context) {
    JsonNode bounded = StatusLimits.bounded(JSON.valueToTree(status));
    if (bounded.equals(currentStatus(primary))) {
      return false;
    }
    P fresh = emptyLike(primary);
    fresh.setMetadata(new ObjectMetaBuilder()
        .withName(primary.getMetadata().getName())
        .withNamespace(primary.getMetadata().getNamespace())
        .build());
    fresh.setStatus(typed(bounded, status));
    PrimaryUpdateAndCacheUtils.ssaPatchStatusAndCacheResource(primary, fresh, context);
    return true;
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
