package dev.alignment.operator.stage;

import java.time.Duration;

/** Where a whole pipeline stands after planning. */
public sealed interface Outcome {
  /** The outcome's kind, for switching (Java 17 has no pattern switch). */
  Kind kind();

  /** Kinds of outcome. */
  enum Kind {
    RUNNING,
    RETRYING,
    WAITING,
    SUSPENDED,
    SUCCEEDED,
    FAILED
  }

  /** A stage Job is pending or running. */
  record Running(String stage, int attempt) implements Outcome {
    @Override
    public Kind kind() {
      return Kind.RUNNING;
    }
  }

  /** A stage failed retryably and waits out its backoff before the next attempt. */
  record Retrying(String stage, int failures, Duration after, String lastMessage) implements Outcome {
    @Override
    public Kind kind() {
      return Kind.RETRYING;
    }
  }

  /** The next Job cannot start until a dependency is ready. */
  record Waiting(String reason, String message) implements Outcome {
    @Override
    public Kind kind() {
      return Kind.WAITING;
    }
  }

  /** spec.suspend is true: no Jobs run, checkpoints are kept. */
  record Suspended() implements Outcome {
    @Override
    public Kind kind() {
      return Kind.SUSPENDED;
    }
  }

  /** Every stage succeeded. */
  record Succeeded() implements Outcome {
    @Override
    public Kind kind() {
      return Kind.SUCCEEDED;
    }
  }

  /** A stage failed for good; with no stage, the spec itself is invalid and no stage could be planned. */
  record Failed(String stage, String message) implements Outcome {
    @Override
    public Kind kind() {
      return Kind.FAILED;
    }
  }
}
