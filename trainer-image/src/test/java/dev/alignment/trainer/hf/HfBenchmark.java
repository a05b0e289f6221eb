package dev.alignment.trainer.hf;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alignment.trainer.model.AtomicDirectory;
import dev.alignment.trainer.model.ModelBenchmark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * {@code HfBenchmark [steps] [batch] [sequence] [generation batches, e.g. 1,4]}: a GPT-2-small-shaped Hugging Face
 * checkpoint (124M parameters, tied head, random weights) written to a temporary directory and loaded with
 * {@link HfModel#load}; training tokens/s (next-token cross-entropy, Adam) and peak resident memory while training
 * (and until then), then greedy generation tokens/s with the KV cache ({@link Generator}) and without
 * ({@link GreedyDecoder}, one row at a time), and whether both chose the same ids. Prints human lines and {@code RESULT} lines, as ModelBenchmark does.
 */
public final class HfBenchmark {
  private static final int LAYERS = 12;
  private static final int HEADS = 12;
  private static final int HIDDEN = 768;
  private static final int POSITIONS = 1024;
  private static final int VOCABULARY = 50_257;
  /** GPT-2's {@code <|endoftext|>}: bos, eos and (here) the id a stopped row is padded with. */
  private static final int END_OF_TEXT = 50_256;
  private static final float INITIALIZER_RANGE = 0.02f;
  /** Training steps before timing (ModelBenchmark's gpt2 takes 2; each step here is seconds). */
  private static final int WARMUP = 2;
  private static final int PROMPT = 16;
  private static final int NEW_TOKENS = 64;
  /** New tokens of the untimed generation that warms both decoders up. */
  private static final int WARMUP_TOKENS = 2;

  private HfBenchmark() {}

  public static void main(String[] args) throws IOException {
    System.setProperty("ai.djl.offline", "true");
    int steps = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    int batch = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    int sequence = args.length > 2 ? Integer.parseInt(args[2]) : 128;
    int[] generationBatches = Arrays.stream((args.length > 3 ? args[3] : "1,4").split(","))
        .mapToInt(Integer::parseInt).toArray();
    String threads = System.getProperty("ai.djl.pytorch.num_threads", "default");
    Path directory = Files.createTempDirectory("hf-benchmark");
    try (NDManager manager = NDManager.newBaseManager()) {
      long start = System.nanoTime();
      writeCheckpoint(directory, manager);
      HfModel model = HfModel.load(directory, manager);
      double loadSeconds = (System.nanoTime() - start) / 1e9;
      long parameters = model.parametersByName().values().stream().mapToLong(p -> p.getArray().size()).sum();
      long loadPeak = ModelBenchmark.statusKib("VmHWM:");
      System.gc(); // the heap copies SafetensorsWriter made of each tensor: scaffolding, not the trainer's memory
      resetPeakResident();
      long startResident = ModelBenchmark.statusKib("VmRSS:");
      Random random = new Random(0);
      double trainTokensPerSecond = train(model, manager, steps, batch, sequence, random);
      long peak = ModelBenchmark.statusKib("VmHWM:");
      System.out.printf(Locale.ROOT, "hf-gpt2 layers=%d heads=%d hidden=%d vocab=%d params=%d threads=%s batch=%d"
              + " sequence=%d steps=%d  train %.1f tokens/s  peak RSS training %d MiB  (checkpoint written and loaded"
              + " in %.1f s, peak RSS until then %d MiB, RSS when training started %d MiB)%n",
          LAYERS, HEADS, HIDDEN, VOCABULARY, parameters, threads, batch, sequence, steps, trainTokensPerSecond,
          peak / 1024, loadSeconds, loadPeak / 1024, startResident / 1024);
      System.out.printf(Locale.ROOT, "RESULT side=djl preset=hf-gpt2 measure=train threads=%s batch=%d sequence=%d"
              + " steps=%d tokens_per_s=%.2f peak_rss_kib=%d load_s=%.3f load_peak_rss_kib=%d start_rss_kib=%d%n",
          threads, batch, sequence, steps, trainTokensPerSecond, peak, loadSeconds, loadPeak, startResident);
      for (int rows : generationBatches) {
        generate(model, manager, rows, random, threads);
      }
    } finally {
      AtomicDirectory.deleteRecursively(directory);
    }
  }

  /**
   * GPT-2 small's config.json (n_inner absent: 4 x n_embd) and a model.safetensors of N(0, 0.02) matrices, LayerNorm
   * weights 1 and biases 0, as transformers initialises GPT-2 (without its scaled residual projections).
   */
  private static void writeCheckpoint(Path directory, NDManager manager) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode config = mapper.createObjectNode();
    config.putArray("architectures").add("GPT2LMHeadModel");
    config.put("model_type", "gpt2")
        .put("activation_function", "gelu_new")
        .put("vocab_size", VOCABULARY)
        .put("n_positions", POSITIONS)
        .put("n_embd", HIDDEN)
        .put("n_layer", LAYERS)
        .put("n_head", HEADS)
        .put("layer_norm_epsilon", 1e-5)
        .put("initializer_range", INITIALIZER_RANGE)
        .put("bos_token_id", END_OF_TEXT)
        .put("eos_token_id", END_OF_TEXT)
        .put("dtype", "float32");
    mapper.writeValue(directory.resolve("config.json").toFile(), config);
    try (NDManager weights = manager.newSubManager()) {
      Map<String, NDArray> tensors = new LinkedHashMap<>();
      tensors.put("transformer.wte.weight", normal(weights, VOCABULARY, HIDDEN));
      tensors.put("transformer.wpe.weight", normal(weights, POSITIONS, HIDDEN));
      for (int layer = 0; layer < LAYERS; layer++) {
        String prefix = "transformer.h." + layer + ".";
        layerNorm(tensors, weights, prefix + "ln_1");
        linear(tensors, weights, prefix + "attn.c_attn", HIDDEN, 3 * HIDDEN);
        linear(tensors, weights, prefix + "attn.c_proj", HIDDEN, HIDDEN);
        layerNorm(tensors, weights, prefix + "ln_2");
        linear(tensors, weights, prefix + "mlp.c_fc", HIDDEN, 4 * HIDDEN);
        linear(tensors, weights, prefix + "mlp.c_proj", 4 * HIDDEN, HIDDEN);
      }
      layerNorm(tensors, weights, "transformer.ln_f");
      SafetensorsWriter.write(directory.resolve("model.safetensors"), tensors);
    }
  }

  private static NDArray normal(NDManager manager, long rows, long columns) {
    return manager.randomNormal(0, INITIALIZER_RANGE, new Shape(rows, columns), DataType.FLOAT32);
  }

  /** A Conv1D as GPT-2 stores it: weight [in, out], bias [out]. */
  private static void linear(Map<String, NDArray> tensors, NDManager manager, String module, int in, int out) {
    tensors.put(module + ".weight", normal(manager, in, out));
    tensors.put(module + ".bias", manager.zeros(new Shape(out)));
  }

  private static void layerNorm(Map<String, NDArray> tensors, NDManager manager, String module) {
    tensors.put(module + ".weight", manager.ones(new Shape(HIDDEN)));
    tensors.put(module + ".bias", manager.zeros(new Shape(HIDDEN)));
  }

  /**
   * Tokens/s of full training steps (forward, backward, Adam at lr 1e-4, no clipping) on batches of random ids, after
   * the warm-up steps; a token is a predicted target (sequence - 1 per row), as in ModelBenchmark.
   */
  private static double train(HfModel model, NDManager manager, int steps, int batch, int sequence, Random random) {
    Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-4f)).build();
    ParameterStore ps = new ParameterStore(manager, false);
    long start = 0;
    for (int step = 0; step < WARMUP + steps; step++) {
      if (step == WARMUP) {
        start = System.nanoTime();
      }
      try (NDManager stepManager = manager.newSubManager()) {
        NDArray ids = stepManager.create(randomIds(batch * sequence, random)).reshape(batch, sequence);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
          NDArray logits = model.forward(ps, new NDList(ids, ids.onesLike()), true).head();
          collector.backward(TokenLogProbs.of(logits, ids).mean().neg());
        }
        for (Parameter parameter : model.parametersByName().values()) {
          // Each getGradient() is a new handle on the base manager: closed here, or every step's stays allocated.
          try (NDArray gradient = parameter.getArray().getGradient()) {
            adam.update(parameter.getId(), parameter.getArray(), gradient);
          }
        }
      }
    }
    return (double) batch * (sequence - 1) * steps / ((System.nanoTime() - start) / 1e9);
  }

  /**
   * Greedy generation of {@code rows} random prompts: tokens/s with the KV cache (one batch) and without (each row
   * alone, the whole prefix per token), after an untimed warm-up of both, and whether their ids are equal.
   */
  private static void generate(HfModel model, NDManager manager, int rows, Random random, String threads) {
    try (NDManager generation = manager.newSubManager()) {
      NDArray prompts = generation.create(randomIds(rows * PROMPT, random)).reshape(rows, PROMPT);
      NDArray mask = prompts.onesLike();
      Generator cached = new Generator(model);
      GreedyDecoder uncached = new GreedyDecoder(model);
      cached.generate(generation, prompts, mask, GenerationSettings.greedy(WARMUP_TOKENS, Set.of(), END_OF_TEXT));
      uncached.generate(generation, prompts.get(0).toLongArray(), WARMUP_TOKENS, Set.of());

      long start = System.nanoTime();
      List<List<Integer>> withCache =
          cached.generate(generation, prompts, mask, GenerationSettings.greedy(NEW_TOKENS, Set.of(), END_OF_TEXT));
      double cacheSeconds = (System.nanoTime() - start) / 1e9;
      start = System.nanoTime();
      List<List<Integer>> withoutCache = new ArrayList<>();
      for (int row = 0; row < rows; row++) {
        withoutCache.add(uncached.generate(generation, prompts.get(row).toLongArray(), NEW_TOKENS, Set.of()));
      }
      double noCacheSeconds = (System.nanoTime() - start) / 1e9;

      double tokens = (double) rows * NEW_TOKENS;
      boolean equal = withCache.equals(withoutCache);
      System.out.printf(Locale.ROOT, "hf-gpt2 generate threads=%s batch=%d prompt=%d new=%d  KV cache %.1f tokens/s"
              + "  no cache %.1f tokens/s (%.1fx)  ids equal: %b%n",
          threads, rows, PROMPT, NEW_TOKENS, tokens / cacheSeconds, tokens / noCacheSeconds,
          noCacheSeconds / cacheSeconds, equal);
      System.out.printf(Locale.ROOT, "RESULT side=djl preset=hf-gpt2 measure=generate threads=%s batch=%d prompt=%d"
              + " new_tokens=%d cache_tokens_per_s=%.2f no_cache_tokens_per_s=%.2f ids_equal=%b%n",
          threads, rows, PROMPT, NEW_TOKENS, tokens / cacheSeconds, tokens / noCacheSeconds, equal);
    }
  }

  private static long[] randomIds(int count, Random random) {
    long[] ids = new long[count];
    for (int i = 0; i < count; i++) {
      ids[i] = random.nextInt(VOCABULARY);
    }
    return ids;
  }

  /**
   * Starts VmHWM again from the present resident size (Linux 4.0+), so that the training figure is not the peak of
   * writing and loading the checkpoint (the JVM's heap copies of each tensor, the mapped file).
   */
  private static void resetPeakResident() throws IOException {
    Files.writeString(Path.of("/proc/self/clear_refs"), "5");
  }
}
