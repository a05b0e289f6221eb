package dev.alignment.operator.decode;

import dev.alignment.operator.metrics.OperatorMetrics;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Why objects of ours could not be read, by UID: written by {@link TolerantDecoding} when the API server returns
 * an object that does not fit its Java type, read by the reconciler that then fails the object in status.
 */
public final class DecodeFailures {
  /** A bound besides {@link #forget}: a deletion whose event never comes must not let failures pile up. */
  private static final int MAX_ENTRIES = 10_000;

  private final OperatorMetrics metrics;
  private final Map<String, String> byUid = new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
      return size() > MAX_ENTRIES;
    }
  };

  public DecodeFailures(OperatorMetrics metrics) {
    this.metrics = metrics;
  }

  synchronized void failed(String kind, String uid, String message) {
    if (uid != null && !message.equals(byUid.put(uid, message))) {
      metrics.decodeFailure(kind);
    }
  }

  synchronized void decoded(String uid) {
    if (uid != null) {
      byUid.remove(uid);
    }
  }

  /** Forgets why the object could not be read: it is deleted. */
  public void forget(HasMetadata resource) {
    decoded(resource.getMetadata().getUid());
  }

  /** Why the object's spec is missing, when it could not be read. */
  public synchronized Optional<String> of(HasMetadata resource) {
    return Optional.ofNullable(byUid.get(resource.getMetadata().getUid()));
  }
}
