package dev.alignment.operator.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alignment.api.v1alpha1.AlignmentRun;
import dev.alignment.operator.Fixtures;
import dev.alignment.operator.stage.CriticToken;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Each attempt's critic Secret holds a fresh 32-byte token, is the run's own, and is mounted read-only. */
class CriticTokenSecretTest {
  private final AlignmentRun run = Fixtures.dpoRun("demo");

  @Test
  void theSecretIsNamedForTheAttemptOwnedByTheRunAndHoldsThirtyTwoRandomBytes() {
    Secret first = CriticTokenSecret.desired(run, "ppo", 2);
    Secret second = CriticTokenSecret.desired(run, "ppo", 2);

    assertThat(first.getMetadata().getName()).isEqualTo("demo-ppo-token-2");
    assertThat(Ownership.controlledBy(first, run)).isTrue();
    assertThat(first.getImmutable()).isTrue();
    String token = token(first);
    assertThat(token).matches("[A-Za-z0-9_-]{43}");
    assertThat(Base64.getUrlDecoder().decode(token)).hasSize(32);
    assertThat(token(second)).as("fresh per Secret").isNotEqualTo(token);
  }

  @Test
  void theTrainerContainerMountsItReadOnlyWhereTheConfigSaysAndNothingElseChanges() {
    Job job = new JobBuilder().withNewMetadata().withName("demo-ppo-actor-2").endMetadata()
        .withNewSpec().withNewTemplate().withNewSpec()
        .addNewContainer().withName("sidecar").endContainer()
        .addNewContainer().withName(StageJobBuilder.CONTAINER).addNewVolumeMount().withName("workspace")
        .withMountPath("/workspace").endVolumeMount().endContainer()
        .endSpec().endTemplate().endSpec().build();

    Job mounted = CriticTokenSecret.mounted(job, "demo-ppo-token-2");

    var pod = mounted.getSpec().getTemplate().getSpec();
    assertThat(pod.getVolumes()).singleElement().satisfies(v -> {
      assertThat(v.getSecret().getSecretName()).isEqualTo("demo-ppo-token-2");
      assertThat(v.getSecret().getDefaultMode()).isEqualTo(0444);
    });
    assertThat(pod.getContainers().get(0).getVolumeMounts()).isEmpty();
    assertThat(pod.getContainers().get(1).getVolumeMounts()).hasSize(2).last().satisfies(m -> {
      assertThat(m.getMountPath() + "/" + CriticToken.KEY).isEqualTo(CriticToken.FILE);
      assertThat(m.getReadOnly()).isTrue();
    });
  }

  private static String token(Secret secret) {
    return new String(Base64.getDecoder().decode(secret.getData().get(CriticToken.KEY)), StandardCharsets.US_ASCII);
  }
}
