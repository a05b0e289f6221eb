package dev.alignment.trainer.stage;

import ai.djl.ndarray.NDManager;
import dev.alignment.trainer.model.ModelReference;
import dev.alignment.trainer.store.ModelStore;
import dev.alignment.trainer.model.ScalarModel;
import dev.alignment.trainer.model.Scoring;
import dev.alignment.trainer.model.Sequence;
import dev.alignment.trainer.sim.CompletionScorer;
import dev.alignment.trainer.training.Completions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** A trained reward model as a completion scorer (for annotating and judging with {@code type: RewardModel}). */
final class RewardModelScorer implements CompletionScorer {
  private final ScalarModel model;
  private final NDManager manager;

  RewardModelScorer(ScalarModel model, NDManager manager) {
    this.model = model;
    this.manager = manager;
  }

  /** The saved reward model at {@code uri}. */
  static RewardModelScorer load(String uri, NDManager manager) throws IOException {
    return new RewardModelScorer(ModelStore.scalarModel(ModelReference.of(uri), manager, 0), manager);
  }

  @Override
  public double[] score(List<String> prompts, List<String> completions) {
    List<Sequence> sequences = new ArrayList<>();
    for (int i = 0; i < prompts.size(); i++) {
      sequences.add(Sequence.of(model.tokenizer(), prompts.get(i), completions.get(i)));
    }
    return Completions.perSequence(model, sequences, manager, (ps, batch, m) -> Scoring.rewards(model, ps, batch, m, false));
  }
}
