package dev.alignment.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alignment.e2e.conformance.TrainerImages;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.utility.DockerImageName;

/**
 * What the reference trainer image promises beyond the contract (which the conformance kit,
 * dev.alignment.e2e.conformance, checks on any image): PyTorch on tcmalloc.
 */
class ReferenceTrainerImageIT {
  @Test
  void runsPyTorchOnTcmalloc() {
    try (GenericContainer<?> trainer = new GenericContainer<>(DockerImageName.parse(TrainerImages.reference()))
        .withImagePullPolicy(image -> false) // built locally by hack/images.sh; there is no registry to pull from
        .withCommand("engine-info")
        .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(Duration.ofMinutes(2)))) {
      trainer.start();
      assertThat(trainer.getLogs()).contains("PyTorch").contains("allocator tcmalloc");
    }
  }
}
