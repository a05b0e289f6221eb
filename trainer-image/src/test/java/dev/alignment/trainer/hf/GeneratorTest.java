package dev.alignment.trainer.hf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** KV-cache generation against the cache-free decoder, transformers' reference ids and the full forward pass. */
class GeneratorTest {
  private static final int PAD = 0;

  @ParameterizedTest
  @ValueSource(strings = {"gpt2", "gpt2-float16", "llama", "llama-sharded", "qwen2", "qwen2-bfloat16"})
  void greedyWithTheCacheEqualsGreedyWithoutAndTheReference(String fixture) {
    try (NDManager manager = NDManager.newBaseManager()) {
      HfModel model = HfModel.load(HfFixtures.dir(fixture), manager);
      GreedyDecoder uncached = new GreedyDecoder(model);
      for (JsonNode generation : HfFixtures.reference(fixture).get("generation")) {
        long[] prompt = HfFixtures.ids(generation.get("prompt_ids"));
        int maxNewTokens = generation.get("max_new_tokens").asInt();
        Set<Integer> eos = eosIds(generation);
        List<Integer> cached = generate(manager, model, List.of(prompt), true,
            GenerationSettings.greedy(maxNewTokens, eos, PAD)).get(0);
        assertThat(cached)
            .as("%s \"%s\" (eos %s)", fixture, generation.get("prompt_text").asText(), eos)
            .isEqualTo(HfFixtures.intList(generation.get("new_ids_use_cache")))
            .isEqualTo(uncached.generate(manager, prompt, maxNewTokens, eos));
      }
    }
  }

  /** Five prompts of different lengths, one stopping early at an EOS the others never emit before the end. */
  @ParameterizedTest
  @ValueSource(strings = {"gpt2", "llama", "qwen2"})
  void aLeftOrRightPaddedBatchEqualsEachPromptAloneWithPerRowStops(String fixture) {
    JsonNode reference = HfFixtures.reference(fixture);
    JsonNode stopCase = reference.get("generation").get(2);
    Set<Integer> eos = new HashSet<>(eosIds(reference.get("generation").get(0)));
    eos.addAll(eosIds(stopCase));
    GenerationSettings settings = GenerationSettings.greedy(10, eos, PAD);
    try (NDManager manager = NDManager.newBaseManager()) {
      HfModel model = HfModel.load(HfFixtures.dir(fixture), manager);
      List<long[]> prompts = prompts(reference);
      List<List<Integer>> alone = new ArrayList<>();
      for (long[] prompt : prompts) {
        alone.add(generate(manager, model, List.of(prompt), true, settings).get(0));
      }
      assertThat(alone.get(0)).isEqualTo(HfFixtures.intList(stopCase.get("new_ids_use_cache")));
      assertThat(alone.stream().mapToInt(List::size).max().orElseThrow()).isGreaterThan(alone.get(0).size());
      assertThat(generate(manager, model, prompts, true, settings)).as("left-padded").isEqualTo(alone);
      assertThat(generate(manager, model, prompts, false, settings)).as("right-padded").isEqualTo(alone);
    }
  }

  /** Prefill of the first columns, then one column per step: each step's logits equal the full pass's there. */
  @ParameterizedTest
  @ValueSource(strings = {"gpt2", "llama", "qwen2"})
  void cachedStepLogitsEqualTheFullRecompute(String fixture) {
    try (NDManager manager = NDManager.newBaseManager()) {
      HfModel model = HfModel.load(HfFixtures.dir(fixture), manager);
      HfFixtures.Batch batch = HfFixtures.batch(manager, fixture);
      NDArray ids = batch.ids();
      NDArray mask = batch.mask();
      NDArray full = model.forward(ids, mask);
      long width = ids.getShape().get(1);
      int prefill = 4;
      double worst = 0;
      try (KvCache cache = KvCache.create(manager, model.config().layers())) {
        NDArray stepped = model.forward(ids.get(":, :" + prefill), mask.get(":, :" + prefill), cache);
        for (long t = prefill; t < width; t++) {
          NDArray column = ids.get(":, " + t + ":" + (t + 1));
          stepped = stepped.concat(model.forward(column, mask.get(":, :" + (t + 1)), cache), 1);
        }
        assertThat(cache.length()).isEqualTo(width);
        worst = HfFixtures.maxAbsDiff(stepped, full, mask);
      }
      System.out.printf("[hf-generate] %s cached vs full logits max abs diff %.3e%n", fixture, worst);
      assertThat(worst).isLessThanOrEqualTo(1e-5);
    }
  }

  @Test
  void samplingIsReproducibleBySeedAndATinyTopPIsGreedy() {
    JsonNode reference = HfFixtures.reference("llama");
    Set<Integer> eos = eosIds(reference.get("generation").get(0));
    try (NDManager manager = NDManager.newBaseManager()) {
      HfModel model = HfModel.load(HfFixtures.dir("llama"), manager);
      List<long[]> prompts = prompts(reference);
      GenerationSettings seeded = new GenerationSettings(10, 1.0, 0.9, 7, eos, PAD);
      List<List<Integer>> first = generate(manager, model, prompts, true, seeded);
      assertThat(generate(manager, model, prompts, true, seeded)).isEqualTo(first);
      assertThat(generate(manager, model, prompts, true, new GenerationSettings(10, 1.0, 0.9, 8, eos, PAD)))
          .isNotEqualTo(first);
      assertThat(generate(manager, model, prompts, true, new GenerationSettings(10, 0.7, 1e-9, 7, eos, PAD)))
          .isEqualTo(generate(manager, model, prompts, true, GenerationSettings.greedy(10, eos, PAD)));
    }
  }

  /** 48 tokens after a 12-token prompt on the largest fixture; prints tokens/s (after a warm-up) with and without. */
  @Test
  void aLongerGreedyRunWithTheCacheEqualsTheUncachedDecoder() {
    int newTokens = 48;
    try (NDManager manager = NDManager.newBaseManager()) {
      HfModel model = HfModel.load(HfFixtures.dir("qwen2"), manager);
      long[] prompt = HfFixtures.ids(HfFixtures.reference("qwen2").get("batch").get("input_ids").get(0));
      generate(manager, model, List.of(prompt), true, GenerationSettings.greedy(newTokens, Set.of(), PAD));
      new GreedyDecoder(model).generate(manager, prompt, newTokens, Set.of());
      long start = System.nanoTime();
      List<Integer> cached =
          generate(manager, model, List.of(prompt), true, GenerationSettings.greedy(newTokens, Set.of(), PAD)).get(0);
      long middle = System.nanoTime();
      List<Integer> uncached = new GreedyDecoder(model).generate(manager, prompt, newTokens, Set.of());
      long end = System.nanoTime();
      System.out.printf("[hf-bench] qwen2 greedy, 1 row, %d-token prompt, %d new tokens, CPU 1 thread: %.0f tokens/s "
          + "with the KV cache, %.0f without%n", prompt.length, newTokens, newTokens / ((middle - start) / 1e9),
          newTokens / ((end - middle) / 1e9));
      assertThat(cached).hasSize(newTokens).isEqualTo(uncached);
    }
  }

  @Test
  void aSequenceClassifierIsRefused() {
    try (NDManager manager = NDManager.newBaseManager()) {
      HfModel model = HfModel.load(HfFixtures.dir("llama-reward"), manager);
      assertThatThrownBy(() -> new Generator(model)).hasMessageContaining("LlamaForSequenceClassification");
    }
  }

  /** The two distinct generation prompts and the prompt part of each batch row. */
  private static List<long[]> prompts(JsonNode reference) {
    List<long[]> prompts = new ArrayList<>();
    prompts.add(HfFixtures.ids(reference.get("generation").get(2).get("prompt_ids")));
    prompts.add(HfFixtures.ids(reference.get("generation").get(1).get("prompt_ids")));
    JsonNode batch = reference.get("batch");
    for (int r = 0; r < batch.get("input_ids").size(); r++) {
      long[] row = HfFixtures.ids(batch.get("input_ids").get(r));
      prompts.add(Arrays.copyOf(row, batch.get("prompt_lengths").get(r).asInt()));
    }
    return prompts;
  }

  private static List<List<Integer>> generate(
      NDManager manager, HfModel model, List<long[]> prompts, boolean left, GenerationSettings settings) {
    int width = prompts.stream().mapToInt(p -> p.length).max().orElseThrow();
    long[][] ids = new long[prompts.size()][width];
    long[][] mask = new long[prompts.size()][width];
    for (int r = 0; r < prompts.size(); r++) {
      long[] prompt = prompts.get(r);
      int start = left ? width - prompt.length : 0;
      Arrays.fill(ids[r], PAD);
      System.arraycopy(prompt, 0, ids[r], start, prompt.length);
      Arrays.fill(mask[r], start, start + prompt.length, 1);
    }
    return new Generator(model).generate(manager, manager.create(ids), manager.create(mask), settings);
  }

  private static Set<Integer> eosIds(JsonNode generation) {
    JsonNode eos = generation.get("eos_token_id");
    return new HashSet<>(eos.isArray() ? HfFixtures.intList(eos) : List.of(eos.asInt()));
  }
}
