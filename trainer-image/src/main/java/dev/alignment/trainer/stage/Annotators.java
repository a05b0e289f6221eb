package dev.alignment.trainer.stage;

import ai.djl.ndarray.NDManager;
import dev.alignment.contract.AnnotatorBlock;
import dev.alignment.trainer.sim.SentimentLexicon;
import dev.alignment.trainer.sim.SimulatedAnnotator;
import java.io.IOException;

/** Builds the simulated annotator a config's {@code annotator} block describes: Lexicon (gold) or RewardModel, with noise. */
final class Annotators {
  private Annotators() {}

  static SimulatedAnnotator from(AnnotatorBlock annotator, NDManager manager) throws IOException {
    return switch (annotator.type()) {
      case Lexicon -> new SimulatedAnnotator(new SentimentLexicon(), annotator.noise());
      case RewardModel -> new SimulatedAnnotator(RewardModelScorer.load(annotator.rewardModel(), manager), annotator.noise());
    };
  }
}
