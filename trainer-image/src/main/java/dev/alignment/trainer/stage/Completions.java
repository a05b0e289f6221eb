package dev.alignment.trainer.stage;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.alignment.trainer.model.LanguageModel;
import dev.alignment.trainer.model.Sampler;
import dev.alignment.trainer.model.Scoring;
import dev.alignment.trainer.model.Sequence;
import dev.alignment.trainer.model.TokenBatch;
import dev.alignment.trainer.model.TransformerModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Sampling completions for text prompts in chunks, and scoring token sequences under a policy. */
final class Completions {
  static final int CHUNK = 64;

  private Completions() {}

  /** One sampled completion per prompt (temperature 1, up to the context length). */
  static List<Sequence> sample(LanguageModel model, List<String> prompts, NDManager manager, Random random) {
    Sampler sampler = new Sampler(model, 1.0, model.architecture().contextLength());
    List<Sequence> out = new ArrayList<>(prompts.size());
    for (List<String> chunk : Batches.chunks(prompts, CHUNK)) {
      try (NDManager m = manager.newSubManager()) {
        out.addAll(sampler.sample(chunk.stream().map(model.tokenizer()::encode).toList(), m, random));
      }
    }
    return out;
  }

  static List<String> texts(LanguageModel model, List<Sequence> sequences) {
    return sequences.stream().map(s -> model.tokenizer().decode(s.completion())).toList();
  }

  /** log pi(y | x) of each sequence's completion under {@code model}. */
  static double[] logProbs(LanguageModel model, List<Sequence> sequences, NDManager manager) {
    return perSequence(model, sequences, manager, (ps, batch, m) -> Scoring.sequenceLogProbs(model, ps, batch, m, false));
  }

  /** One value per sequence from {@code score}, applied to chunks packed into batches for {@code model}. */
  static double[] perSequence(TransformerModel model, List<Sequence> sequences, NDManager manager, BatchScore score) {
    double[] out = new double[sequences.size()];
    ParameterStore ps = new ParameterStore(manager, false);
    int offset = 0;
    for (List<Sequence> chunk : Batches.chunks(sequences, CHUNK)) {
      try (NDManager m = manager.newSubManager()) {
        TokenBatch batch = TokenBatch.of(chunk, model.architecture().contextLength(), model.tokenizer().padId());
        float[] values = score.apply(ps, batch, m).toFloatArray();
        for (int i = 0; i < values.length; i++) {
          out[offset + i] = values[i];
        }
      }
      offset += chunk.size();
    }
    return out;
  }

  /** A per-sequence quantity of a packed batch, (B). */
  interface BatchScore {
    NDArray apply(ParameterStore ps, TokenBatch batch, NDManager manager);
  }
}
