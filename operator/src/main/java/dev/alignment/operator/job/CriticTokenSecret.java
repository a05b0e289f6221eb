package dev.alignment.operator.job;

import dev.alignment.operator.stage.CriticToken;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * The Secret holding a stage attempt's critic token (32 random bytes, base64url), owned by the stage's owner, and
 * its read-only mount into a role's pod at {@link CriticToken#DIR}.
 */
public final class CriticTokenSecret {
  private static final int TOKEN_BYTES = 32;
  private static final String VOLUME = "critic-token";
  /**
   * Read-only for every user in the pod (the trainer's only container): a Secret volume's files belong to root, and
   * the trainer may run as any non-root user.
   */
  private static final int FILE_MODE = 0444;
  private static final SecureRandom RANDOM = new SecureRandom();

  private CriticTokenSecret() {}

  /** A new Secret for the attempt, with a fresh random token. */
  public static Secret desired(HasMetadata owner, String stage, int attempt) {
    byte[] token = new byte[TOKEN_BYTES];
    RANDOM.nextBytes(token);
    String text = Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    return new SecretBuilder()
        .withNewMetadata()
        .withName(CriticToken.secretName(owner.getMetadata().getName(), stage, attempt))
        .withNamespace(owner.getMetadata().getNamespace())
        .withLabels(StageJobBuilder.labels(owner, stage, attempt))
        .withOwnerReferences(Ownership.controllerReference(owner))
        .endMetadata()
        .withType("Opaque")
        .withImmutable(true)
        .withData(Map.of(CriticToken.KEY,
            Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII))))
        .build();
  }

  /** {@code job} with the attempt's Secret mounted read-only into its trainer container at {@link CriticToken#DIR}. */
  public static Job mounted(Job job, String secretName) {
    return new JobBuilder(job)
        .editSpec().editTemplate().editSpec()
        .addToVolumes(new VolumeBuilder().withName(VOLUME).withNewSecret().withSecretName(secretName)
            .withDefaultMode(FILE_MODE).endSecret().build())
        .editMatchingContainer(c -> StageJobBuilder.CONTAINER.equals(c.getName()))
        .addToVolumeMounts(new VolumeMountBuilder().withName(VOLUME).withMountPath(CriticToken.DIR).withReadOnly(true)
            .build())
        .endContainer()
        .endSpec().endTemplate().endSpec()
        .build();
  }
}
