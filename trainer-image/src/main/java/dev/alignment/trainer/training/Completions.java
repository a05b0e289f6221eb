package dev.alignment.trainer.training;

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
import java.util.function.BiFunction;
import java.util.stream.IntStream;

/** Sampling completions for text prompts in chunks, and scoring token sequences under a policy. */
public final class Completions {
  public static final int CHUNK = 64;

  private Completions() {}

  /** One sampled completion per prompt (temperature 1, up to the context length). */
  public static List<Sequence> sample(LanguageModel model, List<String> prompts, NDManager manager, Random random) {
    return sample(new Sampler(model, 1.0, model.contextLength()), prompts, manager, random);
  }

  /** One completion per prompt from {@code sampler}. */
  public static List<Sequence> sample(Sampler sampler, List<String> prompts, NDManager manager, Random random) {
    List<Sequence> out = new ArrayList<>(prompts.size());
    for (List<String> chunk : Batches.chunks(prompts, CHUNK)) {
      try (NDManager m = manager.newSubManager()) {
        out.addAll(sampler.sample(chunk.stream().map(p -> Sequence.promptIds(sampler.model().tokenizer(), p)).toList(), m, random));
      }
    }
    return out;
  }

  public static List<String> texts(LanguageModel model, List<Sequence> sequences) {
    return sequences.stream().map(s -> model.tokenizer().decode(s.completion())).toList();
  }

  /** log pi(y | x) of each sequence's completion under {@code model}. */
  public static double[] logProbs(LanguageModel model, List<Sequence> sequences, NDManager manager) {
    return perSequence(model, sequences, manager, (ps, batch, m) -> Scoring.sequenceLogProbs(model, ps, batch, m, false));
  }

  /** One value per sequence from {@code score}, applied to chunks packed into batches for {@code model}. */
  public static double[] perSequence(TransformerModel model, List<Sequence> sequences, NDManager manager, BatchScore score) {
    return inChunks(model, sequences, manager, score, (batch, values) -> {
      float[] floats = values.toFloatArray();
      return IntStream.range(0, floats.length).mapToObj(i -> (double) floats[i]).toList();
    }).stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** One value per completion token of each sequence from {@code score}, a (B, L - 1) quantity of each batch. */
  public static double[][] perToken(TransformerModel model, List<Sequence> sequences, NDManager manager, BatchScore score) {
    return inChunks(model, sequences, manager, score, (batch, values) -> List.of(batch.completionValues(values)))
        .toArray(double[][]::new);
  }

  private static <T> List<T> inChunks(TransformerModel model, List<Sequence> sequences, NDManager manager, BatchScore score,
      BiFunction<TokenBatch, NDArray, List<T>> read) {
    List<T> out = new ArrayList<>(sequences.size());
    ParameterStore ps = new ParameterStore(manager, false);
    for (List<Sequence> chunk : Batches.chunks(sequences, CHUNK)) {
      try (NDManager m = manager.newSubManager()) {
        TokenBatch batch = TokenBatch.of(chunk, model.contextLength(), model.tokenizer().padId());
        out.addAll(read.apply(batch, score.apply(ps, batch, m)));
      }
    }
    return out;
  }

  /** A quantity of a packed batch: per sequence (B) or per target (B, L - 1). */
  public interface BatchScore {
    NDArray apply(ParameterStore ps, TokenBatch batch, NDManager manager);
  }
}
