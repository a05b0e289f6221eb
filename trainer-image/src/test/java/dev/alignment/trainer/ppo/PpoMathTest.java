package dev.alignment.trainer.ppo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.alignment.trainer.training.StepOutput;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** PPO's formulas against values computed by hand: GAE, whitening, the KL controller and estimators, both losses. */
class PpoMathTest {
  private final NDManager manager = NDManager.newBaseManager();

  @AfterEach
  void close() {
    manager.close();
  }

  @Test
  void gaeOfThreeTokensWithGammaOneAndLambdaPointNineFive() {
    // rewards: two KL penalties and the last token's -KL plus score; values V_0..V_2, V after the last token 0.
    // delta_2 = 1.5 + 0 - 0.8 = 0.7                      A_2 = 0.7
    // delta_1 = 0.2 + 0.8 - 0.4 = 0.6                    A_1 = 0.6 + 0.95 * 0.7 = 1.265
    // delta_0 = -0.1 + 0.4 - 0.5 = -0.2                  A_0 = -0.2 + 0.95 * 1.265 = 1.00175
    Advantages.Estimate estimate = Advantages.gae(new double[] {-0.1, 0.2, 1.5}, new double[] {0.5, 0.4, 0.8}, 1.0, 0.95);
    assertThat(estimate.advantages()).containsExactly(new double[] {1.00175, 1.265, 0.7}, within(1e-12));
    assertThat(estimate.returns()).containsExactly(new double[] {1.50175, 1.665, 1.5}, within(1e-12));

    // mean 2.96675 / 3 = 0.9889167; unbiased variance 0.1598595 / 2 = 0.0799298; (A - mean) / sqrt(var + 1e-8)
    double[][] whitened = Advantages.whiten(new double[][] {estimate.advantages()});
    assertThat(whitened[0]).containsExactly(new double[] {0.0453926, 0.9765306, -1.0219233}, within(1e-6));
  }

  @Test
  void gammaAndLambdaDiscountLaterTokens() {
    // gamma 0.5, lambda 0: A_t = r_t + 0.5 V_{t+1} - V_t.
    Advantages.Estimate estimate = Advantages.gae(new double[] {0, 1}, new double[] {1, 2}, 0.5, 0);
    assertThat(estimate.advantages()).containsExactly(new double[] {0, -1}, within(1e-12));
    assertThat(estimate.returns()).containsExactly(new double[] {1, 1}, within(1e-12));
  }

  @Test
  void whiteningSpansEveryTokenOfTheBatch() {
    double[][] whitened = Advantages.whiten(new double[][] {{1, 2}, {3}, {}});
    // mean 2, unbiased variance 1
    assertThat(whitened[0]).containsExactly(new double[] {-1, 0}, within(1e-7));
    assertThat(whitened[1]).containsExactly(new double[] {1}, within(1e-7));
    assertThat(whitened[2]).isEmpty();
  }

  @Test
  void adaptiveKlControllerFollowsZieglersFormula() {
    KlController adaptive = new KlController(0.05, OptionalDouble.of(6), 10000);
    adaptive.update(9, 32); // e = clip(9/6 - 1 = 0.5) = 0.2
    assertThat(adaptive.coef()).isCloseTo(0.05 * (1 + 0.2 * 32 / 10000), within(1e-15));
    adaptive.update(4.5, 32); // e = clip(4.5/6 - 1 = -0.25) = -0.2
    assertThat(adaptive.coef()).isCloseTo(0.05 * (1 + 0.2 * 32 / 10000) * (1 - 0.2 * 32 / 10000), within(1e-15));
    double before = adaptive.coef();
    adaptive.update(6.6, 64); // e = 0.1, inside the clip
    assertThat(adaptive.coef()).isCloseTo(before * (1 + 0.1 * 64 / 10000), within(1e-15));

    KlController fixed = new KlController(0.05, OptionalDouble.empty(), 10000);
    fixed.update(100, 32);
    assertThat(fixed.coef()).isEqualTo(0.05);
  }

  @Test
  void klEstimators() {
    assertThat(KlEstimator.K1.estimate(-1.0, -1.5)).isCloseTo(0.5, within(1e-15));
    // u = -1.5 - (-1) = -0.5: exp(-0.5) - 1 + 0.5
    assertThat(KlEstimator.K3.estimate(-1.0, -1.5)).isCloseTo(0.1065306597, within(1e-10));
    assertThat(KlEstimator.K1.estimate(-2.0, -2.0)).isZero();
    assertThat(KlEstimator.K3.estimate(-2.0, -2.0)).isZero();
  }

  @Test
  void clippedSurrogateLossClipFractionAndApproximateKl() {
    // ratios 1.5, 0.7, 1.1 with advantages 1, 1, -2; eps 0.2; the fourth position is masked out.
    //   -A rho: -1.5, -0.7, 2.2    -A clip(rho): -1.2, -0.8, 2.2    max: -1.2 (clipped), -0.7, 2.2
    NDArray logProbs = manager.create(new float[] {(float) Math.log(1.5), (float) Math.log(0.7), (float) Math.log(1.1), 3f});
    NDArray old = manager.zeros(logProbs.getShape());
    NDArray advantages = manager.create(new float[] {1f, 1f, -2f, 5f});
    NDArray mask = manager.create(new float[] {1f, 1f, 1f, 0f});
    StepOutput out = new PolicyObjective(0.2).evaluate(logProbs, old, advantages, mask, 4);
    assertThat(out.loss().getFloat()).isCloseTo((-1.2f - 0.7f + 2.2f) / 3, within(1e-6f));
    assertThat(out.metrics().get("policy/clipfrac").getFloat()).isCloseTo(1f / 3, within(1e-6f));
    double approxKl = 0.5 * (Math.pow(Math.log(1.5), 2) + Math.pow(Math.log(0.7), 2) + Math.pow(Math.log(1.1), 2)) / 3;
    assertThat(out.metrics().get("policy/approxkl").getFloat()).isCloseTo((float) approxKl, within(1e-6f));
  }

  @Test
  void clippedValueLoss() {
    // V 1.0 from V_old 0.5 is clipped to 0.7: max((1 - 2)^2, (0.7 - 2)^2) = 1.69 (clipped);
    // V 0.0 from V_old 0.1 stays 0.0: (0 - 0.05)^2 = 0.0025 either way. Loss 0.5 * (1.69 + 0.0025) / 2.
    StepOutput out = new ValueObjective(0.2).evaluate(manager.create(new float[] {1f, 0f}), manager.create(new float[] {0.5f, 0.1f}),
        manager.create(new float[] {2f, 0.05f}), manager.create(new float[] {1f, 1f}), 2);
    assertThat(out.loss().getFloat()).isCloseTo(0.423125f, within(1e-6f));
    assertThat(out.metrics().get("val/clipfrac").getFloat()).isCloseTo(0.5f, within(1e-6f));
  }
}
