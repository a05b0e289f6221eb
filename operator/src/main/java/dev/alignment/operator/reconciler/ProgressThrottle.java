package dev.alignment.operator.reconciler;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** When each run's progress was last read: at most one read (and so one progress write) per run per interval. */
final class ProgressThrottle {
  private final Duration interval;
  private final Map<ResourceID, Instant> readAt = new ConcurrentHashMap<>();

  ProgressThrottle(Duration interval) {
    this.interval = interval;
  }

  /** Whether the run's progress may be read now; if so, the read is counted from now. */
  boolean due(ResourceID run, Instant now) {
    Instant last = readAt.get(run);
    if (last != null && now.isBefore(last.plus(interval))) {
      return false;
    }
    readAt.put(run, now);
    return true;
  }

  /** Forgets the run: it stopped running, or is deleted. */
  void forget(ResourceID run) {
    readAt.remove(run);
  }
}
