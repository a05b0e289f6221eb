package dev.alignment.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.alignment.trainer.data.TextTokenizer;
import dev.alignment.trainer.data.Tokenizers;
import dev.alignment.trainer.data.WordTokenizer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * {@code ModelBenchmark <tiny|small|gpt2> [steps] [batch]}: training throughput (forward, backward and Adam step on
 * full-context batches), model FLOP/s against the engine's measured single-matrix sgemm, sampling throughput (tiny and
 * small), time from JVM start to the end of the first step, and peak resident memory. Prints a human line and a
 * {@code RESULT} line that trainer-image/parity/bench_report.py tabulates beside the PyTorch twin's
 * (trainer-image/parity/bench_twin.py, the same model and procedure).
 */
public final class ModelBenchmark {
  /** GPT-2 small's shape (124M parameters with its 50,257-token vocabulary), at a context a CPU trains in seconds. */
  static final Architecture GPT2_SMALL = new Architecture(12, 12, 768, 128);
  static final int GPT2_VOCABULARY = 50_257;
  /** Steps before timing: enough for the JIT to compile the step's Java path (tiny, small); gpt2's steps are seconds. */
  private static final int WARMUP = 10;
  private static final int GPT2_WARMUP = 2;
  private static final int SGEMM_SIZE = 1024;

  private ModelBenchmark() {}

  public static void main(String[] args) throws IOException {
    System.setProperty("ai.djl.offline", "true");
    String preset = args[0];
    boolean gpt2 = preset.equals("gpt2");
    int steps = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    int batch = args.length > 2 ? Integer.parseInt(args[2]) : gpt2 ? 4 : 32;
    Architecture architecture = gpt2 ? GPT2_SMALL : Architecture.preset(preset);
    TextTokenizer tokenizer = gpt2
        ? WordTokenizer.of(IntStream.range(0, GPT2_VOCABULARY - 3).mapToObj(i -> "w" + i).toList())
        : Tokenizers.load(null);
    Random random = new Random(0);
    try (NDManager manager = NDManager.newBaseManager()) {
      LanguageModel model = (LanguageModel) TestModels.fresh(ModelKind.LANGUAGE, architecture, tokenizer, manager, 0);
      Training training = train(model, manager, gpt2 ? GPT2_WARMUP : WARMUP, steps, batch, random);
      double generation = gpt2 ? Double.NaN : generationTokensPerSecond(model, manager, random);
      double flopsPerToken = flopsPerTrainingToken(model);
      double gflops = training.tokensPerSecond() * flopsPerToken / 1e9;
      double sgemm = sgemmGflops(manager);
      String threads = System.getProperty("ai.djl.pytorch.num_threads", "default");
      long peak = peakResidentKib();
      System.out.printf(Locale.ROOT,
          "%-6s layers=%d heads=%d hidden=%d context=%d vocab=%d params=%d threads=%s batch=%d  train %.0f tokens/s"
              + " (%.1f GFLOP/s, %.0f%% of sgemm %.1f)  generate %.0f tokens/s  first step after %.2f s  peak RSS %d MiB%n",
          preset, architecture.layers(), architecture.heads(), architecture.hiddenSize(), architecture.contextLength(),
          tokenizer.vocabSize(), parameterCount(model), threads, batch, training.tokensPerSecond(), gflops,
          100 * gflops / sgemm, sgemm, generation, training.firstStepSeconds(), peak / 1024);
      System.out.printf(Locale.ROOT,
          "RESULT side=djl preset=%s threads=%s tokens_per_s=%.2f gflops=%.3f sgemm_gflops=%.3f peak_rss_kib=%d first_step_s=%.3f%n",
          preset, threads, training.tokensPerSecond(), gflops, sgemm, peak, training.firstStepSeconds());
    }
  }

  /** Training throughput after the warm-up steps, and seconds from JVM start to the end of the first step. */
  record Training(double tokensPerSecond, double firstStepSeconds) {}

  private static Training train(LanguageModel model, NDManager manager, int warmup, int steps, int batchSize, Random random) {
    int context = model.contextLength();
    AdamOptimizer optimizer = new AdamOptimizer(model, 1e-4f, 1.0);
    model.trackGradients();
    ParameterStore ps = new ParameterStore(manager, false);
    long start = 0;
    double firstStep = 0;
    for (int step = 0; step < warmup + steps; step++) {
      if (step == warmup) {
        start = System.nanoTime();
      }
      List<Sequence> batch = new ArrayList<>();
      for (int i = 0; i < batchSize; i++) {
        batch.add(new Sequence(randomTokens(4, model, random), randomTokens(context - 4, model, random)));
      }
      try (NDManager m = manager.newSubManager(); GradientScope gradients = GradientScope.open()) {
        TokenBatch tokens = TokenBatch.of(batch, context, model.tokenizer().padId());
        gradients.backward(Scoring.tokenLogProbs(model, ps, tokens, m, true).mean().neg());
      }
      optimizer.step();
      if (step == 0) {
        firstStep = (System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime()) / 1e3;
      }
    }
    // TokenBatch shifts by one: each sequence of `context` tokens trains on context - 1 targets.
    return new Training((double) batchSize * (context - 1) * steps / ((System.nanoTime() - start) / 1e9), firstStep);
  }

  /**
   * Training FLOPs per token: 6 per weight of every matrix multiply (forward 2, backward 4; embeddings are lookups), and
   * the attention products, 6 x 2 x layers x context x hidden (Kaplan et al. 2020, with the full T x T product computed).
   */
  static double flopsPerTrainingToken(TransformerModel model) {
    Architecture a = ((BuiltinNetwork) model.network()).architecture();
    long matrixWeights = model.getParameters().stream()
        .filter(p -> p.getKey().endsWith("_weight") && p.getValue().getArray().getShape().dimension() == 2)
        .mapToLong(p -> p.getValue().getArray().size()).sum();
    return 6.0 * matrixWeights + 12.0 * a.layers() * a.contextLength() * a.hiddenSize();
  }

  /** The engine's single-precision matrix multiply, 1024 x 1024 by 1024 x 1024, best of 5. */
  private static double sgemmGflops(NDManager manager) {
    try (NDManager m = manager.newSubManager()) {
      NDArray a = m.randomNormal(new Shape(SGEMM_SIZE, SGEMM_SIZE));
      NDArray b = m.randomNormal(new Shape(SGEMM_SIZE, SGEMM_SIZE));
      double best = Double.MAX_VALUE;
      for (int i = 0; i < 6; i++) {
        long t = System.nanoTime();
        try (NDArray c = a.matMul(b)) {
          c.getFloat(0, 0);
        }
        if (i > 0) {
          best = Math.min(best, (System.nanoTime() - t) / 1e9);
        }
      }
      return 2.0 * SGEMM_SIZE * SGEMM_SIZE * SGEMM_SIZE / best / 1e9;
    }
  }

  private static double generationTokensPerSecond(LanguageModel model, NDManager manager, Random random) {
    List<int[]> prompts = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      prompts.add(randomTokens(4, model, random));
    }
    long start = System.nanoTime();
    List<Sequence> out = new Sampler(model, 1.0, model.contextLength()).sample(prompts, manager, random);
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

  /** VmHWM from /proc/self/status, KiB: the most resident memory this process (JVM and PyTorch) has used. */
  private static long peakResidentKib() throws IOException {
    return statusKib("VmHWM:");
  }

  /**
   * A field of /proc/self/status in KiB, -1 when absent: VmHWM the most resident memory this process has used (since
   * the last reset), VmRSS the present.
   */
  public static long statusKib(String field) throws IOException {
    return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith(field))
        .map(l -> Long.parseLong(l.substring(field.length()).replace("kB", "").trim())).findFirst().orElse(-1L);
  }
}
