package dev.alignment.operator.stage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each outcome record has its own kind, so a switch over kinds tells them apart. */
class OutcomeTest {
  @Test
  void everyOutcomeHasItsOwnKind() {
    List<Outcome> outcomes = List.of(new Outcome.Running("sft", 1), new Outcome.Retrying("sft", 1, Duration.ZERO, "exit code 1"),
        new Outcome.Waiting("WaitingForRewardModel", "waiting"), new Outcome.Suspended(), new Outcome.Succeeded(),
        new Outcome.Failed("sft", "bad input"));

    assertThat(outcomes).extracting(Outcome::kind).containsExactly(Outcome.Kind.values());
  }
}
