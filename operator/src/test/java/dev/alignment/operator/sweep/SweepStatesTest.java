package dev.alignment.operator.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alignment.api.v1alpha1.AlignmentSweep;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import org.junit.jupiter.api.Test;

class SweepStatesTest {
  private final SweepStates states = new SweepStates(10_000);

  @Test
  void aSweepKeepsItsStateWithinAGenerationAndStartsAfreshWithANewOne() {
    AlignmentSweep sweep = SweepPlannerTest.sweep(2);
    SweepState first = states.of(sweep);
    first.rejected().put("study-0", "refused");

    assertThat(states.of(sweep)).isSameAs(first);
    sweep.getMetadata().setGeneration(2L);
    assertThat(states.of(sweep)).isNotSameAs(first).satisfies(s -> assertThat(s.rejected()).isEmpty());
  }

  @Test
  void aDeletedSweepsStateIsForgotten() {
    AlignmentSweep sweep = SweepPlannerTest.sweep(2);
    SweepState before = states.of(sweep);
    before.rejected().put("study-0", "refused");

    states.forget(ResourceID.fromResource(sweep));

    assertThat(states.of(sweep)).as("laid out anew, its refusals gone").isNotSameAs(before)
        .satisfies(s -> assertThat(s.rejected()).isEmpty());
  }
}
