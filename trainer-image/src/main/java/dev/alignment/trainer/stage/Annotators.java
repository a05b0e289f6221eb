package dev.alignment.trainer.stage;

import ai.djl.ndarray.NDManager;
import dev.alignment.trainer.StageConfig;
import dev.alignment.trainer.sim.SentimentLexicon;
import dev.alignment.trainer.sim.SimulatedAnnotator;
import java.io.IOException;

/** Builds the simulated annotator a config's {@code annotator} block describes: Lexicon (gold) or RewardModel, with noise. */
final class Annotators {
  private Annotators() {}

  static SimulatedAnnotator from(StageConfig annotator, NDManager manager) throws IOException {
    double noise = annotator.number("noise", 0);
    if (noise < 0 || noise > 0.5) {
      throw annotator.invalid("noise", "must be in [0, 0.5], got " + noise);
    }
    String type = annotator.optString("type").orElse("Lexicon");
    return switch (type) {
      case "Lexicon" -> new SimulatedAnnotator(new SentimentLexicon(), noise);
      case "RewardModel" -> new SimulatedAnnotator(RewardModelScorer.load(annotator.string("rewardModel"), manager), noise);
      default -> throw annotator.invalid("type", "must be Lexicon or RewardModel, got '" + type + "'");
    };
  }
}
