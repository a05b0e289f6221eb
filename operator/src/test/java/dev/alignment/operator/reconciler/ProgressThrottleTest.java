package dev.alignment.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProgressThrottleTest {
  private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");
  private static final ResourceID RUN = new ResourceID("demo", "team-a");

  private final ProgressThrottle throttle = new ProgressThrottle(Duration.ofSeconds(10));

  @Test
  void aRunIsReadAtMostOncePerIntervalAndOtherRunsDoNotWait() {
    assertThat(throttle.due(RUN, T0)).isTrue();
    assertThat(throttle.due(RUN, T0.plusSeconds(9))).isFalse();
    assertThat(throttle.due(new ResourceID("other", "team-a"), T0.plusSeconds(9))).isTrue();
    assertThat(throttle.due(RUN, T0.plusSeconds(10))).isTrue();
  }

  @Test
  void aForgottenRunIsDueAtOnce() {
    throttle.due(RUN, T0);

    throttle.forget(RUN);

    assertThat(throttle.due(RUN, T0.plusSeconds(1))).as("nothing is remembered of it").isTrue();
  }
}
