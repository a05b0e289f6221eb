package dev.alignment.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A stage status copies every field, so a field added later is not lost between reconciles. */
class StageStatusTest {
  @Test
  void copyHasEveryFieldAndItsOwnCollections() {
    StageStatus original = new StageStatus();
    original.name = "ppo";
    original.phase = StagePhase.Retrying;
    original.job = "run-ppo-actor-2";
    original.attempts = 2;
    original.failures = 1;
    original.startTime = "2026-11-29T10:00:00Z";
    original.nextRetryTime = "2026-11-29T10:05:00Z";
    original.completionTime = "2026-11-29T10:09:00Z";
    original.message = "attempt 2 exit code 1";
    original.metrics = new LinkedHashMap<>(Map.of("loss", 0.5));
    original.output = "file:///workspace/ns/run/ppo/model";
    original.digest = "sha256:ab";
    original.restarts = 1;
    RoleStatus critic = new RoleStatus();
    critic.name = "critic";
    original.roles = new ArrayList<>(List.of(critic));
    // A field added to StageStatus and not set here fails this line: every field must reach the copy.
    assertThat(original).hasNoNullFieldsOrProperties();

    StageStatus copy = original.copy();

    assertThat(copy).usingRecursiveComparison().isEqualTo(original);
    copy.metrics.put("kl", 0.1);
    copy.roles.clear();
    assertThat(original.metrics).containsOnlyKeys("loss");
    assertThat(original.roles).containsExactly(critic);
  }
}
