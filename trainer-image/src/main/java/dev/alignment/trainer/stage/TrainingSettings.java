package dev.alignment.trainer.stage;

import dev.alignment.trainer.StageConfig;

/**
 * The {@code training} block of a config plus the stage's checkpoint interval. {@code maxGradNorm} clips the gradients'
 * global L2 norm before each step (0: off; default 1.0, TRL's).
 */
public record TrainingSettings(int steps, int batchSize, float learningRate, double maxGradNorm, long seed, int checkpointEvery) {
  public static final double DEFAULT_MAX_GRAD_NORM = 1.0;

  public static TrainingSettings from(StageConfig config) {
    StageConfig t = config.object("training");
    double learningRate = t.number("learningRate");
    if (!(learningRate > 0)) {
      throw t.invalid("learningRate", "must be > 0, got " + learningRate);
    }
    double maxGradNorm = t.number("maxGradNorm", DEFAULT_MAX_GRAD_NORM);
    if (!(maxGradNorm >= 0) || Double.isInfinite(maxGradNorm)) {
      throw t.invalid("maxGradNorm", "must be a finite number >= 0 (0 turns clipping off), got " + maxGradNorm);
    }
    int checkpointEvery = config.integer("checkpointEvery", 50);
    if (checkpointEvery <= 0) {
      throw config.invalid("checkpointEvery", "must be > 0, got " + checkpointEvery);
    }
    return new TrainingSettings(t.positive("steps"), t.positive("batchSize"), (float) learningRate, maxGradNorm, t.longValue("seed", 0), checkpointEvery);
  }

  /** The seed of step {@code step}'s generator: each step's data and samples depend on (seed, step) only, so resume repeats them. */
  public long stepSeed(int step) {
    return seed * 0x9E3779B97F4A7C15L + step;
  }
}
