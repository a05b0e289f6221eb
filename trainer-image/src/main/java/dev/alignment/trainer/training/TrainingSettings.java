package dev.alignment.trainer.training;

import dev.alignment.contract.LoraBlock;
import dev.alignment.contract.TrainingBlock;
import java.util.Optional;

/**
 * The {@code training} block of a config plus the stage's checkpoint interval. {@code maxGradNorm} clips the gradients'
 * global L2 norm before each step (0: off); {@code lora}, when present, trains adapters on a frozen base.
 */
public record TrainingSettings(int steps, int batchSize, float learningRate, double maxGradNorm, long seed, int checkpointEvery,
    Optional<LoraBlock> lora) {
  public static TrainingSettings from(TrainingBlock training, int checkpointEvery) {
    return new TrainingSettings(training.steps(), training.batchSize(), (float) training.learningRate(), training.maxGradNorm(),
        training.seed(), checkpointEvery, Optional.ofNullable(training.lora()));
  }

  /** The seed of step {@code step}'s generator: each step's data and samples depend on (seed, step) only, so resume repeats them. */
  public long stepSeed(int step) {
    return seed * 0x9E3779B97F4A7C15L + step;
  }
}
