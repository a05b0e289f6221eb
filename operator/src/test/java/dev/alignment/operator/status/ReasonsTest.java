package dev.alignment.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReasonsTest {
  @Test
  void aDependencyWaitIsOneOfTheWaitingReasonsNotAnyReasonThatLooksLikeOne() {
    assertThat(Reasons.isDependencyWait(Reasons.WAITING_FOR_PREFERENCE_DATASET)).isTrue();
    assertThat(Reasons.isDependencyWait(Reasons.WAITING_FOR_REWARD_MODEL)).isTrue();
    assertThat(Reasons.isDependencyWait(Reasons.WAITING_FOR_CONFIG_MAP)).isTrue();
    assertThat(Reasons.isDependencyWait(Reasons.RUNTIME_NOT_FOUND)).isTrue();
    assertThat(Reasons.isDependencyWait("WaitingForGodot")).isFalse();
    assertThat(Reasons.isDependencyWait(Reasons.STAGE_RUNNING)).isFalse();
    assertThat(Reasons.isDependencyWait(null)).isFalse();
  }
}
