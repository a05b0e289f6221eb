package dev.alignment.trainer.model;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.alignment.trainer.data.TextTokenizer;
import dev.alignment.trainer.data.Tokenizers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * {@code ModelBenchmark <preset> [steps]}: training throughput (forward, backward and Adam step on full-context batches
 * of 32), sampling throughput (32 prompts, to the context length) and the process's peak resident memory.
 */
public final class ModelBenchmark {
  private static final int BATCH = 32;
  private static final int WARMUP = 3;

  private ModelBenchmark() {}

  public static void main(String[] args) throws IOException {
    System.setProperty("ai.djl.offline", "true");
    Architecture architecture = Architecture.preset(args[0]);
    int steps = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    TextTokenizer tokenizer = Tokenizers.load(null);
    Random random = new Random(0);
    try (NDManager manager = NDManager.newBaseManager()) {
      LanguageModel model = (LanguageModel) ModelStore.fresh(ModelKind.LANGUAGE, architecture, tokenizer, manager, 0);
      double training = trainingTokensPerSecond(model, manager, steps, random);
      double generation = generationTokensPerSecond(model, manager, random);
      System.out.printf(Locale.ROOT,
          "%-6s layers=%d heads=%d hidden=%d context=%d params=%d threads=%s  train %.0f tokens/s  generate %.0f tokens/s  peak RSS %s%n",
          args[0], architecture.layers(), architecture.heads(), architecture.hiddenSize(), architecture.contextLength(),
          parameterCount(model), System.getProperty("ai.djl.pytorch.num_threads", "default"), training, generation,
          peakResidentMemory());
    }
  }

  private static double trainingTokensPerSecond(LanguageModel model, NDManager manager, int steps, Random random) {
    int context = model.architecture().contextLength();
    AdamOptimizer optimizer = new AdamOptimizer(model, 1e-4f);
    ParameterStore ps = new ParameterStore(manager, false);
    long start = 0;
    for (int step = 0; step < WARMUP + steps; step++) {
      if (step == WARMUP) {
        start = System.nanoTime();
      }
      List<Sequence> batch = new ArrayList<>();
      for (int i = 0; i < BATCH; i++) {
        batch.add(new Sequence(randomTokens(4, model, random), randomTokens(context - 4, model, random)));
      }
      try (NDManager m = manager.newSubManager(); GradientScope gradients = GradientScope.open()) {
        TokenBatch tokens = TokenBatch.of(batch, context, model.tokenizer().padId());
        gradients.backward(Scoring.tokenLogProbs(model, ps, tokens, m, true).mean().neg());
      }
      optimizer.step();
    }
    return (double) BATCH * context * steps / ((System.nanoTime() - start) / 1e9);
  }

  private static double generationTokensPerSecond(LanguageModel model, NDManager manager, Random random) {
    List<int[]> prompts = new ArrayList<>();
    for (int i = 0; i < BATCH; i++) {
      prompts.add(randomTokens(4, model, random));
    }
    long start = System.nanoTime();
    List<Sequence> out = new Sampler(model, 1.0, model.architecture().contextLength()).sample(prompts, manager, random);
    long generated = out.stream().mapToLong(s -> s.completion().length).sum();
    return generated / ((System.nanoTime() - start) / 1e9);
  }

  private static int[] randomTokens(int length, LanguageModel model, Random random) {
    int[] tokens = new int[length];
    for (int i = 0; i < length; i++) {
      tokens[i] = 3 + random.nextInt(model.tokenizer().vocabSize() - 3);
    }
    return tokens;
  }

  private static long parameterCount(LanguageModel model) {
    return model.getParameters().stream().mapToLong(p -> p.getValue().getArray().size()).sum();
  }

  /** VmHWM from /proc/self/status: the most resident memory this process (JVM and PyTorch) has used. */
  private static String peakResidentMemory() throws IOException {
    return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM:"))
        .map(l -> l.substring("VmHWM:".length()).trim()).findFirst().orElse("unknown");
  }
}
