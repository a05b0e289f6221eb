package dev.alignment.trainer.hf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The DJL forward pass against transformers' own outputs on every causal LM fixture. */
class HfModelParityTest {
  private static final double TOLERANCE = 1e-4;

  @ParameterizedTest
  @ValueSource(strings = {"gpt2", "gpt2-float16", "llama", "llama-sharded", "qwen2", "qwen2-bfloat16"})
  void logitsLogProbsAndGreedyIdsEqualTransformers(String fixture) {
    JsonNode reference = HfFixtures.reference(fixture);
    JsonNode batch = reference.get("batch");
    try (NDManager manager = NDManager.newBaseManager()) {
      HfModel model = HfModel.load(HfFixtures.dir(fixture), manager);
      Map<String, NDArray> expected = HfFixtures.referenceTensors(manager, fixture);
      NDArray ids = manager.create(HfFixtures.matrix(batch.get("input_ids")));
      NDArray mask = manager.create(HfFixtures.matrix(batch.get("attention_mask")));

      NDArray logits = model.forward(ids, mask);
      assertThat(logits.getShape()).isEqualTo(expected.get("logits").getShape());
      double logitDiff = HfFixtures.maxAbsDiff(logits, expected.get("logits"), mask);

      double[] sums = completionSums(TokenLogProbs.of(logits, ids), batch);
      double[] expectedSums = expected.get("completion_logprob_sum").toType(DataType.FLOAT64, false).toDoubleArray();
      double sumDiff = 0;
      for (int r = 0; r < sums.length; r++) {
        sumDiff = Math.max(sumDiff, Math.abs(sums[r] - expectedSums[r]));
      }
      System.out.printf("[hf-parity] %s logits max abs diff %.3e, completion log-prob sum max abs diff %.3e%n",
          fixture, logitDiff, sumDiff);
      assertThat(logitDiff).isLessThanOrEqualTo(TOLERANCE);
      assertThat(sums).containsExactly(expectedSums, within(TOLERANCE));

      GreedyDecoder decoder = new GreedyDecoder(model);
      for (JsonNode generation : reference.get("generation")) {
        Set<Integer> eos = new HashSet<>(generation.get("eos_token_id").isArray()
            ? HfFixtures.intList(generation.get("eos_token_id"))
            : List.of(generation.get("eos_token_id").asInt()));
        assertThat(decoder.generate(manager, HfFixtures.ids(generation.get("prompt_ids")),
                generation.get("max_new_tokens").asInt(), eos))
            .as("%s greedy ids for \"%s\" (eos %s)", fixture, generation.get("prompt_text").asText(), eos)
            .isEqualTo(HfFixtures.intList(generation.get("new_ids_no_cache")));
      }
    }
  }

  /** Per row, the sum of log p(ids[t]) over completion positions prompt_lengths[r] <= t < lengths[r]. */
  private static double[] completionSums(NDArray tokenLogProbs, JsonNode batch) {
    float[][] values = new float[(int) tokenLogProbs.getShape().get(0)][];
    long width = tokenLogProbs.getShape().get(1);
    float[] flat = tokenLogProbs.toType(DataType.FLOAT32, false).toFloatArray();
    double[] sums = new double[values.length];
    for (int r = 0; r < values.length; r++) {
      for (int t = batch.get("prompt_lengths").get(r).asInt(); t < batch.get("lengths").get(r).asInt(); t++) {
        sums[r] += flat[(int) (r * width + t - 1)];
      }
    }
    return sums;
  }
}
