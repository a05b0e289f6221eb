package dev.alignment.trainer.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The idealized ranking accuracy's offset (1/beta) log(alpha / (1 - alpha)), alpha = 1 - label noise. */
class RankingAccuracyTest {
  @Test
  void offsetIsTheLogOddsOfTheAnnotatorOverBeta() {
    assertThat(RankingAccuracy.idealizedOffset(0.25, 0.1)).isCloseTo(Math.log(3) / 0.1, within(1e-9));
    assertThat(RankingAccuracy.idealizedOffset(0.5, 0.1)).isCloseTo(0, within(1e-12));
  }

  @Test
  void noiseFreeLabelsGiveALargeButFiniteOffset() {
    double offset = RankingAccuracy.idealizedOffset(0, 0.1);
    assertThat(offset).isFinite().isGreaterThan(100);
  }
}
