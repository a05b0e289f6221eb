package dev.alignment.trainer.ppo;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * When the other half of a split PPO stage was last heard from. It counts as lost after {@code timeout} without a word
 * once it has been heard, or when it has not been heard at all within {@code startupWait}.
 */
final class PeerWatchdog {
  private final String peer;
  private final long timeoutNanos;
  private final long startupWaitNanos;
  private final LongSupplier nanoTime;
  private final long startNanos;
  private volatile long lastHeardNanos;
  private volatile boolean heard;

  PeerWatchdog(String peer, Duration timeout, Duration startupWait, LongSupplier nanoTime) {
    this.peer = peer;
    this.timeoutNanos = timeout.toNanos();
    this.startupWaitNanos = startupWait.toNanos();
    this.nanoTime = nanoTime;
    this.startNanos = nanoTime.getAsLong();
  }

  void heard() {
    lastHeardNanos = nanoTime.getAsLong();
    heard = true;
  }

  /** Why the peer counts as lost, or empty while it does not. */
  Optional<String> lost() {
    long now = nanoTime.getAsLong();
    if (heard && now - lastHeardNanos > timeoutNanos) {
      return Optional.of("no word from the " + peer + " for " + seconds(now - lastHeardNanos) + " s (ppo.peerTimeoutSeconds "
          + seconds(timeoutNanos) + ")");
    }
    if (!heard && now - startNanos > startupWaitNanos) {
      return Optional.of("the " + peer + " did not make contact within " + seconds(startupWaitNanos) + " s of the start");
    }
    return Optional.empty();
  }

  private static long seconds(long nanos) {
    return Duration.ofNanos(nanos).toSeconds();
  }
}
