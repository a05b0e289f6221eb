package dev.alignment.trainer.hf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The next-token choice: argmax, temperature-scaled softmax draws, and the top-p nucleus. */
class TokenSamplerTest {
  /** softmax gives 0.6, 0.3, 0.1 (log-probabilities as logits). */
  private static final float[] LOGITS = {(float) Math.log(0.3), (float) Math.log(0.6), (float) Math.log(0.1)};
  private static final int DRAWS = 4000;

  @Test
  void temperatureZeroIsTheArgmaxAndTiesGoToTheFirst() {
    TokenSampler sampler = new TokenSampler(GenerationSettings.greedy(1, Set.of(), 0));
    assertThat(sampler.next(LOGITS)).isEqualTo(1);
    assertThat(sampler.next(new float[] {2, 5, 5})).isEqualTo(1);
  }

  @Test
  void drawsFollowTheSoftmaxAndTopPCutsTheTail() {
    assertThat(frequencies(1.0, 1.0)).containsExactly(new double[] {0.3, 0.6, 0.1}, within(0.03));
    // top-p 0.7: 0.6 alone is below 0.7, so the 0.3 token joins; the 0.1 token is cut, the rest renormalised
    assertThat(frequencies(1.0, 0.7)).containsExactly(new double[] {1 / 3.0, 2 / 3.0, 0}, within(0.03));
    assertThat(frequencies(1.0, 0.5)).containsExactly(new double[] {0, 1, 0}, within(1e-9));
    // temperature 2 flattens: weights sqrt(0.3), sqrt(0.6), sqrt(0.1)
    double total = Math.sqrt(0.3) + Math.sqrt(0.6) + Math.sqrt(0.1);
    assertThat(frequencies(2.0, 1.0)).containsExactly(
        new double[] {Math.sqrt(0.3) / total, Math.sqrt(0.6) / total, Math.sqrt(0.1) / total}, within(0.03));
  }

  private static double[] frequencies(double temperature, double topP) {
    TokenSampler sampler = new TokenSampler(new GenerationSettings(1, temperature, topP, 11, Set.of(), 0));
    double[] counts = new double[LOGITS.length];
    for (int i = 0; i < DRAWS; i++) {
      counts[sampler.next(LOGITS)] += 1.0 / DRAWS;
    }
    return counts;
  }
}
