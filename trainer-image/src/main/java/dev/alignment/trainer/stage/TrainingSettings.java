package dev.alignment.trainer.stage;

import dev.alignment.trainer.StageConfig;

/** The {@code training} block of a config plus the stage's checkpoint interval. */
public record TrainingSettings(int steps, int batchSize, float learningRate, long seed, int checkpointEvery) {
  public static TrainingSettings from(StageConfig config) {
    StageConfig t = config.object("training");
    double learningRate = t.number("learningRate");
    if (!(learningRate > 0)) {
      throw t.invalid("learningRate", "must be > 0, got " + learningRate);
    }
    int checkpointEvery = config.integer("checkpointEvery", 50);
    if (checkpointEvery <= 0) {
      throw config.invalid("checkpointEvery", "must be > 0, got " + checkpointEvery);
    }
    return new TrainingSettings(t.positive("steps"), t.positive("batchSize"), (float) learningRate, t.longValue("seed", 0), checkpointEvery);
  }

  /** The seed of step {@code step}'s generator: each step's data and samples depend on (seed, step) only, so resume repeats them. */
  public long stepSeed(int step) {
    return seed * 0x9E3779B97F4A7C15L + step;
  }
}
