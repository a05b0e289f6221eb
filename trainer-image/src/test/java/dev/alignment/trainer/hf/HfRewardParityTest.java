package dev.alignment.trainer.hf;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Sequence-classification (reward model) fixtures: per-position scores, the pooled index and the pooled scores. */
class HfRewardParityTest {
  private static final double TOLERANCE = 1e-4;

  @ParameterizedTest
  @ValueSource(strings = {"gpt2-reward", "llama-reward"})
  void scoresEqualTransformers(String fixture) {
    JsonNode reference = HfFixtures.reference(fixture);
    JsonNode batch = reference.get("batch");
    try (NDManager manager = NDManager.newBaseManager()) {
      HfModel model = HfModel.load(HfFixtures.dir(fixture), manager);
      assertThat(model.config().task()).isEqualTo(HfTask.SEQUENCE_CLASSIFICATION);
      assertThat(model.config().numLabels()).isEqualTo(reference.get("num_labels").asInt());
      Map<String, NDArray> expected = HfFixtures.referenceTensors(manager, fixture);
      NDArray ids = manager.create(HfFixtures.matrix(batch.get("input_ids")));
      NDArray mask = manager.create(HfFixtures.matrix(batch.get("attention_mask")));
      int pad = model.config().padTokenId().orElseThrow();

      NDArray everyPosition = model.forward(ids, mask);
      NDArray pooled = SequenceScores.pooled(everyPosition, ids, pad);
      double positionDiff = HfFixtures.maxAbsDiff(everyPosition, expected.get("scores_every_position"), mask);
      double pooledDiff = pooled.sub(expected.get("scores")).abs().max().getFloat();
      System.out.printf("[hf-parity] %s scores every position max abs diff %.3e, pooled scores max abs diff %.3e%n",
          fixture, positionDiff, pooledDiff);

      assertThat(SequenceScores.scoreIndex(ids, pad).toLongArray())
          .containsExactly(HfFixtures.ids(reference.get("score_index")));
      assertThat(pooled.getShape()).isEqualTo(expected.get("scores").getShape());
      assertThat(positionDiff).isLessThanOrEqualTo(TOLERANCE);
      assertThat(pooledDiff).isLessThanOrEqualTo(TOLERANCE);
    }
  }
}
