package dev.alignment.trainer.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.alignment.trainer.metrics.ProgressReporter;
import dev.alignment.trainer.metrics.TrainerMetrics;
import dev.alignment.trainer.model.LanguageModel;
import dev.alignment.trainer.model.TokenBatch;
import dev.alignment.trainer.training.StepOutput;
import dev.alignment.trainer.training.TrainingLoop;
import dev.alignment.trainer.training.TrainingSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Step for step against PyTorch: from the same initial weights and the same batches, the trainer's SFT and DPO steps
 * (model, loss, gradient collector, clipping, Adam, through {@link TrainingLoop}) give the losses, gradient norms and
 * final parameters that torch.optim.Adam after clip_grad_norm_ gave (src/test/resources/parity, made by
 * trainer-image/parity/regenerate.sh). Gradients that accumulated across steps, a different Adam or a different
 * attention would each move these by far more than the tolerance. (The attention's key bias is held only to a noise
 * bound: its exact gradient is zero.)
 */
class PyTorchParityTest {
  private static final double TOLERANCE = 1e-5;

  @TempDir Path dir;

  @Test
  void sftStepsMatchPyTorchStepForStep() throws Exception {
    assertTrajectoryMatches("sft", ParityCase::batches, ParityCase.SFT_TRAJECTORY, ParityCase.MAX_GRAD_NORM,
        (model, ps, batch, inputs, step, m) -> new StepOutput(SftStage.loss(model, ps, batch, m), Map.of(), batch.tokenCount()));
  }

  @Test
  void dpoStepsMatchPyTorchStepForStep() throws Exception {
    PreferenceObjective objective = new PreferenceObjective(PreferenceLoss.DPO, ParityCase.BETA, 0);
    assertTrajectoryMatches("dpo", ParityCase::pairBatches, ParityCase.DPO_TRAJECTORY, ParityCase.DPO_MAX_GRAD_NORM,
        (model, ps, batch, inputs, step, m) -> DpoStage.step(model, ps, batch, m, objective,
            inputs.get("dpo" + step + ".referenceChosen"), inputs.get("dpo" + step + ".referenceRejected")));
  }

  /** Trains the fixture's model on its {@code kind} batches through {@link TrainingLoop}; the trajectory must match. */
  private void assertTrajectoryMatches(String kind, Function<LanguageModel, List<TokenBatch>> batchesOf, String trajectory,
      double maxGradNorm, ParityStep parityStep) throws Exception {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDList inputs = ParityCase.read(ParityCase.INPUTS, manager);
      LanguageModel model = initialModel(inputs, manager);
      List<TokenBatch> batches = checkedBatches(batchesOf.apply(model), inputs, kind, manager);
      List<Float> losses = new ArrayList<>();
      Map<String, Double> means = loop(maxGradNorm).run(model, manager, (random, m, ps) -> {
        int step = losses.size();
        StepOutput out = parityStep.output(model, ps, batches.get(step), inputs, step, m);
        losses.add(out.loss().getFloat());
        return out;
      });
      assertMatches(model, losses, means, ParityCase.read(trajectory, manager), maxGradNorm, kind);
    }
  }

  /** One step's loss and metrics on the fixture's batch of step {@code step}. */
  private interface ParityStep {
    StepOutput output(LanguageModel model, ParameterStore ps, TokenBatch batch, NDList inputs, int step, NDManager manager);
  }

  private static LanguageModel initialModel(NDList inputs, NDManager manager) {
    LanguageModel model = ParityCase.freshModel(manager);
    for (Pair<String, Parameter> p : model.network().block().getParameters()) {
      inputs.get(p.getKey()).copyTo(p.getValue().getArray());
    }
    return model;
  }

  /** The batches, checked to be the ones the fixture was made from. */
  private static List<TokenBatch> checkedBatches(List<TokenBatch> batches, NDList inputs, String kind, NDManager manager) {
    for (int step = 0; step < ParityCase.STEPS; step++) {
      assertThat(batches.get(step).inputs(manager)).as("%s step %d's batch is the one the fixture was made from", kind, step)
          .isEqualTo(inputs.get(kind + step + ".inputs"));
    }
    return batches;
  }

  private TrainingLoop loop(double maxGradNorm) throws Exception {
    TrainingSettings settings = new TrainingSettings(ParityCase.STEPS, ParityCase.BATCH, ParityCase.LEARNING_RATE,
        maxGradNorm, 0, 1_000, java.util.Optional.empty());
    ProgressReporter progress = new ProgressReporter(new PrintStream(new ByteArrayOutputStream()),
        TrainerMetrics.start(-1, "", "", ""), System::nanoTime);
    return new TrainingLoop(settings, dir, progress);
  }

  private static void assertMatches(LanguageModel model, List<Float> losses, Map<String, Double> means, NDList expected,
      double maxGradNorm, String kind) {
    double[] gradNorms = new double[ParityCase.STEPS];
    float worstLoss = 0;
    for (int step = 0; step < ParityCase.STEPS; step++) {
      float reference = expected.get("loss." + step).getFloat();
      assertThat(losses.get(step)).as("%s loss of step %d", kind, step).isCloseTo(reference, within((float) TOLERANCE));
      worstLoss = Math.max(worstLoss, Math.abs(losses.get(step) - reference));
      gradNorms[step] = expected.get("gradNorm." + step).getFloat();
    }
    assertThat(Arrays.stream(gradNorms).boxed().toList()).as("the %s fixture clips some steps and not others", kind)
        .anySatisfy(n -> assertThat(n).isGreaterThan(maxGradNorm))
        .anySatisfy(n -> assertThat(n).isLessThan(maxGradNorm));
    assertThat(means.get("gradNorm")).as("mean gradient norm before clipping over the %s steps", kind)
        .isCloseTo(Arrays.stream(gradNorms).average().orElseThrow(), within(TOLERANCE));
    float worst = 0;
    String worstParameter = "";
    for (Pair<String, Parameter> p : model.network().block().getParameters()) {
      float[] actual = p.getValue().getArray().toFloatArray();
      float[] reference = expected.get(p.getKey()).toFloatArray();
      float difference = 0;
      for (int i = 0; i < actual.length; i++) {
        difference = Math.max(difference, Math.abs(actual[i] - reference[i]));
      }
      if (p.getKey().endsWith("keyProjection_bias")) {
        // Softmax ignores a shift shared by a query's scores, so the key bias's true gradient is exactly zero: what
        // both engines compute is rounding noise, which Adam scales up to steps of up to lr. Only that bound holds.
        assertThat(difference).as("%s moves by rounding noise only", p.getKey())
            .isLessThanOrEqualTo(2 * ParityCase.STEPS * ParityCase.LEARNING_RATE);
        continue;
      }
      assertThat(difference).as("largest difference in %s after %d %s steps", p.getKey(), ParityCase.STEPS, kind)
          .isLessThan((float) TOLERANCE);
      if (difference > worst) {
        worst = difference;
        worstParameter = p.getKey();
      }
    }
    System.out.printf("[parity] %s: largest difference from PyTorch after %d steps: parameters %.2e (%s), losses %.2e%n",
        kind, ParityCase.STEPS, worst, worstParameter, worstLoss);
  }
}
