package dev.alignment.trainer.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.alignment.trainer.metrics.ProgressReporter;
import dev.alignment.trainer.metrics.TrainerMetrics;
import dev.alignment.trainer.model.LanguageModel;
import dev.alignment.trainer.model.TokenBatch;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Step for step against PyTorch: from the same initial weights and the same batches, the trainer's SFT steps (model,
 * loss, gradient collector, clipping, Adam, through {@link TrainingLoop}) give the losses, gradient norms and final
 * parameters that torch.optim.Adam after clip_grad_norm_ gave (src/test/resources/parity, made by
 * trainer-image/parity/regenerate.sh). Gradients that accumulated across steps, a different Adam or a different
 * attention would each move these by far more than the tolerance. (The attention's key bias is held only to a noise
 * bound: its exact gradient is zero.)
 */
class PyTorchParityTest {
  private static final double TOLERANCE = 1e-5;

  @Test
  void sftStepsMatchPyTorchStepForStep(@TempDir Path dir) throws Exception {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDList inputs = ParityCase.read(ParityCase.INPUTS, manager);
      NDList expected = ParityCase.read(ParityCase.TRAJECTORY, manager);
      LanguageModel model = ParityCase.freshModel(manager);
      for (Pair<String, Parameter> p : model.getParameters()) {
        inputs.get(p.getKey()).copyTo(p.getValue().getArray());
      }
      List<TokenBatch> batches = ParityCase.batches(model);
      for (int step = 0; step < ParityCase.STEPS; step++) {
        assertThat(batches.get(step).inputs(manager)).as("step %d's batch is the one the fixture was made from", step)
            .isEqualTo(inputs.get("step" + step + ".inputs"));
      }

      List<Float> losses = new ArrayList<>();
      TrainingSettings settings = new TrainingSettings(ParityCase.STEPS, ParityCase.BATCH, ParityCase.LEARNING_RATE,
          ParityCase.MAX_GRAD_NORM, 0, 1_000);
      ProgressReporter progress = new ProgressReporter(new PrintStream(new ByteArrayOutputStream()),
          TrainerMetrics.start(-1, "", "", ""), System::nanoTime);
      Map<String, Double> means = new TrainingLoop(settings, dir, progress).run(model, manager, (random, m, ps) -> {
        TokenBatch batch = batches.get(losses.size());
        NDArray loss = SftStage.loss(model, ps, batch, m);
        losses.add(loss.getFloat());
        return new StepOutput(loss, Map.of(), batch.tokenCount());
      });

      double[] gradNorms = new double[ParityCase.STEPS];
      for (int step = 0; step < ParityCase.STEPS; step++) {
        assertThat(losses.get(step)).as("loss of step %d", step)
            .isCloseTo(expected.get("loss." + step).getFloat(), within((float) TOLERANCE));
        gradNorms[step] = expected.get("gradNorm." + step).getFloat();
      }
      assertThat(Arrays.stream(gradNorms).boxed().toList()).as("the fixture clips some steps and not others")
          .anySatisfy(n -> assertThat(n).isGreaterThan(ParityCase.MAX_GRAD_NORM))
          .anySatisfy(n -> assertThat(n).isLessThan(ParityCase.MAX_GRAD_NORM));
      assertThat(means.get("gradNorm")).as("mean gradient norm before clipping over the steps")
          .isCloseTo(Arrays.stream(gradNorms).average().orElseThrow(), within(TOLERANCE));
      float worstOverall = 0;
      String worstParameter = "";
      for (Pair<String, Parameter> p : model.getParameters()) {
        float[] actual = p.getValue().getArray().toFloatArray();
        float[] reference = expected.get(p.getKey()).toFloatArray();
        float worst = 0;
        for (int i = 0; i < actual.length; i++) {
          worst = Math.max(worst, Math.abs(actual[i] - reference[i]));
        }
        if (p.getKey().endsWith("keyProjection_bias")) {
          // Softmax ignores a shift shared by a query's scores, so the key bias's true gradient is exactly zero: what
          // both engines compute is rounding noise, which Adam scales up to steps of up to lr. Only that bound holds.
          assertThat(worst).as("%s moves by rounding noise only", p.getKey())
              .isLessThanOrEqualTo(2 * ParityCase.STEPS * ParityCase.LEARNING_RATE);
          continue;
        }
        assertThat(worst).as("largest difference in %s after %d steps", p.getKey(), ParityCase.STEPS)
            .isLessThan((float) TOLERANCE);
        if (worst > worstOverall) {
          worstOverall = worst;
          worstParameter = p.getKey();
        }
      }
      float worstLoss = 0;
      for (int step = 0; step < ParityCase.STEPS; step++) {
        worstLoss = Math.max(worstLoss, Math.abs(losses.get(step) - expected.get("loss." + step).getFloat()));
      }
      System.out.printf("[parity] largest difference from PyTorch after %d steps: parameters %.2e (%s), losses %.2e%n",
          ParityCase.STEPS, worstOverall, worstParameter, worstLoss);
    }
  }
}
