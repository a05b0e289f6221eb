package dev.alignment.trainer.sim;

import java.util.List;

/** Scores completions of prompts, higher is better: the gold lexicon or a trained reward model. */
public interface CompletionScorer {
  double[] score(List<String> prompts, List<String> completions);
}
