package dev.alignment.trainer.training;

import dev.alignment.contract.TrainingBlock;

/**
 * The {@code training} block of a config plus the stage's checkpoint interval. {@code maxGradNorm} clips the gradients'
 * global L2 norm before each step (0: off).
 */
public record TrainingSettings(int steps, int batchSize, float learningRate, double maxGradNorm, long seed, int checkpointEvery) {
  public static TrainingSettings from(TrainingBlock training, int checkpointEvery) {
    return new TrainingSettings(training.steps(), training.batchSize(), (float) training.learningRate(), training.maxGradNorm(),
        training.seed(), checkpointEvery);
  }

  /** The seed of step {@code step}'s generator: each step's data and samples depend on (seed, step) only, so resume repeats them. */
  public long stepSeed(int step) {
    return seed * 0x9E3779B97F4A7C15L + step;
  }
}
