package dev.alignment.operator.stage;

import java.time.Duration;
import java.util.Arrays;

/** Where a whole pipeline stands after planning. */
public sealed interface Outcome {
  /** The outcome's kind, for switching (Java 17 has no pattern switch). */
  default Kind kind() {
    return Arrays.stream(Kind.values()).filter(k -> k.type.isInstance(this)).findFirst().orElseThrow();
  }

  /** Kinds of outcome, one per record. */
  enum Kind {
    RUNNING(Running.class),
    RETRYING(Retrying.class),
    WAITING(Waiting.class),
    SUSPENDED(Suspended.class),
    SUCCEEDED(Succeeded.class),
    FAILED(Failed.class);

    private final Class<? extends Outcome> type;

    Kind(Class<? extends Outcome> type) {
      this.type = type;
    }
  }

  /** A stage Job is pending or running. */
  record Running(String stage, int attempt) implements Outcome {}

  /** A stage failed retryably and waits out its backoff before the next attempt. */
  record Retrying(String stage, int failures, Duration after, String lastMessage) implements Outcome {}

  /** The next Job cannot start until a dependency is ready. */
  record Waiting(String reason, String message) implements Outcome {}

  /** spec.suspend is true: no Jobs run, checkpoints are kept. */
  record Suspended() implements Outcome {}

  /** Every stage succeeded. */
  record Succeeded() implements Outcome {}

  /** A stage failed for good; with no stage, the spec itself is invalid and no stage could be planned. */
  record Failed(String stage, String message) implements Outcome {}
}
