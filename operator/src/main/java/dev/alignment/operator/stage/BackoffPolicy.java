package dev.alignment.operator.stage;

import java.time.Duration;

/**
 * Exponential backoff between attempts of a stage: {@code base * 2^(failures-1)}, capped at {@code max}.
 *
 * @param base wait after the first failure
 * @param max longest wait
 */
public record BackoffPolicy(Duration base, Duration max) {
  /** The wait before the attempt that follows the given number of failures (at least 1). */
  public Duration delayAfter(int failures) {
    int doublings = Math.min(Math.max(failures - 1, 0), 30);
    Duration delay = base.multipliedBy(1L << doublings);
    return delay.compareTo(max) > 0 ? max : delay;
  }
}
