package dev.alignment.trainer.stage;

import dev.alignment.trainer.model.TestModels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.alignment.trainer.data.Tokenizers;
import dev.alignment.trainer.model.Architecture;
import dev.alignment.trainer.model.LanguageModel;
import dev.alignment.trainer.model.ModelKind;
import dev.alignment.trainer.model.Scoring;
import dev.alignment.trainer.model.TokenBatch;
import dev.alignment.trainer.rows.PreferencePair;
import dev.alignment.trainer.sim.SentimentCorpus;
import dev.alignment.trainer.training.StepOutput;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The DPO family's losses and logged metrics against hand-computed values. */
class PreferenceObjectiveTest {
  private final NDManager manager = NDManager.newBaseManager();

  @AfterEach
  void close() {
    manager.close();
  }

  /** Policy log-probs (chosen -10, rejected -12) against reference (-11, -11): h = 1 - (-1) = 2. */
  private StepOutput evaluate(PreferenceLoss loss, double beta, double smoothing) {
    return new PreferenceObjective(loss, beta, smoothing).evaluate(
        manager.create(new float[] {-10f}), manager.create(new float[] {-12f}),
        manager.create(new float[] {-11f}), manager.create(new float[] {-11f}), 0);
  }

  @Test
  void dpoIsNegativeLogSigmoidOfBetaTimesH() {
    StepOutput out = evaluate(PreferenceLoss.DPO, 0.1, 0);
    assertThat(out.loss().getFloat()).isCloseTo((float) Math.log1p(Math.exp(-0.2)), within(1e-6f));
    assertThat(out.metrics().get("rewards/chosen").getFloat()).isCloseTo(0.1f, within(1e-6f));
    assertThat(out.metrics().get("rewards/rejected").getFloat()).isCloseTo(-0.1f, within(1e-6f));
    assertThat(out.metrics().get("rewards/margins").getFloat()).isCloseTo(0.2f, within(1e-6f));
    assertThat(out.metrics().get("rewards/accuracies").getFloat()).isEqualTo(1f);
    assertThat(out.metrics().get("logps/chosen").getFloat()).isEqualTo(-10f);
    assertThat(out.metrics().get("logps/rejected").getFloat()).isEqualTo(-12f);
  }

  @Test
  void ipoIsSquaredDistanceOfHFromOneOverTwoBeta() {
    // (2 - 1 / (2 * 0.1))^2 = (2 - 5)^2 = 9
    assertThat(evaluate(PreferenceLoss.IPO, 0.1, 0).loss().getFloat()).isCloseTo(9f, within(1e-5f));
    // beta 0.25: (2 - 2)^2 = 0
    assertThat(evaluate(PreferenceLoss.IPO, 0.25, 0).loss().getFloat()).isCloseTo(0f, within(1e-6f));
  }

  @Test
  void cdpoMixesBothLabelsByTheSmoothing() {
    double expected = 0.8 * Math.log1p(Math.exp(-0.2)) + 0.2 * Math.log1p(Math.exp(0.2));
    assertThat(evaluate(PreferenceLoss.CDPO, 0.1, 0.2).loss().getFloat()).isCloseTo((float) expected, within(1e-6f));
    assertThat(evaluate(PreferenceLoss.CDPO, 0.1, 0).loss().getFloat())
        .isEqualTo(evaluate(PreferenceLoss.DPO, 0.1, 0).loss().getFloat());
  }

  @Test
  void accuraciesAreStrictSoEqualRewardsCountAsWrong() {
    StepOutput out = new PreferenceObjective(PreferenceLoss.DPO, 0.1, 0).evaluate(
        manager.create(new float[] {-5f, -3f}), manager.create(new float[] {-5f, -4f}),
        manager.create(new float[] {-5f, -5f}), manager.create(new float[] {-5f, -5f}), 0);
    assertThat(out.metrics().get("rewards/accuracies").getFloat()).isEqualTo(0.5f);
  }

  @Test
  void atStepZeroWithPolicyEqualToReferenceTheLossIsLn2AndNoPairIsRankedRight() throws Exception {
    LanguageModel policy = (LanguageModel) TestModels.fresh(ModelKind.LANGUAGE, Architecture.TINY, Tokenizers.load(null), manager, 7);
    LanguageModel reference = (LanguageModel) TestModels.fresh(ModelKind.LANGUAGE, Architecture.TINY, Tokenizers.load(null), manager, 7);
    List<PreferencePair> pairs = new SentimentCorpus().preferences(16, 0, 3);
    TokenBatch batch = PairEncoding.batch(PairEncoding.of(pairs, policy.tokenizer()), 32, policy.tokenizer().padId());
    ParameterStore ps = new ParameterStore(manager, false);
    NDArray policyLogProbs = Scoring.sequenceLogProbs(policy, ps, batch, manager, false);
    NDArray referenceLogProbs = Scoring.sequenceLogProbs(reference, ps, batch, manager, false);

    StepOutput out = new PreferenceObjective(PreferenceLoss.DPO, 0.1, 0).evaluate(
        policyLogProbs.get("0:16"), policyLogProbs.get("16:"), referenceLogProbs.get("0:16"), referenceLogProbs.get("16:"), 0);

    assertThat(policyLogProbs.getFloat(0)).isNegative();
    assertThat(out.loss().getFloat()).isCloseTo((float) Math.log(2), within(1e-6f));
    assertThat(out.metrics().get("rewards/accuracies").getFloat()).isZero();
    assertThat(out.metrics().get("rewards/margins").getFloat()).isZero();
  }
}
