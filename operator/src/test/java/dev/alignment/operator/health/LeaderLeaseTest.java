package dev.alignment.operator.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LeaderLeaseTest {
  private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  @Test
  void processesOnOneHostGetDistinctIdentities() {
    String first = LeaderLease.newIdentity();
    String second = LeaderLease.newIdentity();

    assertThat(first).matches(".+_" + UUID).isNotEqualTo(second);
    assertThat(first.substring(0, first.lastIndexOf('_'))).as("the host part")
        .isEqualTo(second.substring(0, second.lastIndexOf('_')));
  }
}
