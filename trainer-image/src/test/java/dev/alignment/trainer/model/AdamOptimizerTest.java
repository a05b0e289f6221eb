package dev.alignment.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.alignment.trainer.data.Tokenizers;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Gradients do not carry over from one step to the next, and the reported norm is the global L2 norm before clipping. */
class AdamOptimizerTest {
  private static final Architecture ARCHITECTURE = new Architecture(2, 2, 16, 12);

  @Test
  void eachStepSeesOnlyItsOwnBackwardPass() {
    try (NDManager manager = NDManager.newBaseManager()) {
      LanguageModel model = (LanguageModel) TestModels.fresh(ModelKind.LANGUAGE, ARCHITECTURE, Tokenizers.load(null), manager, 3);
      model.trackGradients();
      AdamOptimizer frozen = new AdamOptimizer(model, 0f, 0);
      TokenBatch batch = TokenBatch.of(List.of(new Sequence(new int[] {5, 6, 7}, new int[] {8, 9, 10, 11})), 12, model.tokenizer().padId());

      backward(model, batch, manager);
      double first = frozen.step();
      for (Pair<String, Parameter> p : model.getParameters()) {
        try (NDArray gradient = p.getValue().getArray().getGradient()) {
          assertThat(gradient.abs().max().getFloat()).as("%s's gradient after the step", p.getKey()).isZero();
        }
      }
      backward(model, batch, manager);
      assertThat(frozen.step()).as("the same batch on the same weights: the same norm, not twice it").isCloseTo(first, within(1e-6 * first));
    }
  }

  @Test
  void reportsTheGlobalNormOfTheGradientsBeforeClipping() {
    try (NDManager manager = NDManager.newBaseManager()) {
      LanguageModel model = (LanguageModel) TestModels.fresh(ModelKind.LANGUAGE, ARCHITECTURE, Tokenizers.load(null), manager, 3);
      model.trackGradients();
      TokenBatch batch = TokenBatch.of(List.of(new Sequence(new int[] {5, 6, 7}, new int[] {8, 9, 10, 11})), 12, model.tokenizer().padId());
      backward(model, batch, manager);
      double sumOfSquares = 0;
      List<float[]> before = new ArrayList<>();
      for (Pair<String, Parameter> p : model.getParameters()) {
        before.add(p.getValue().getArray().toFloatArray());
        try (NDArray gradient = p.getValue().getArray().getGradient()) {
          for (float g : gradient.toFloatArray()) {
            sumOfSquares += (double) g * g;
          }
        }
      }
      double norm = new AdamOptimizer(model, 1e-3f, Math.sqrt(sumOfSquares) / 10).step();
      assertThat(norm).isCloseTo(Math.sqrt(sumOfSquares), within(1e-5 * norm));
      assertThat(model.getParameters().get(0).getValue().getArray().toFloatArray()).as("the step still updates")
          .isNotEqualTo(before.get(0));
    }
  }

  private static void backward(LanguageModel model, TokenBatch batch, NDManager manager) {
    try (NDManager m = manager.newSubManager(); GradientScope gradients = GradientScope.open()) {
      gradients.backward(Scoring.tokenLogProbs(model, new ParameterStore(m, false), batch, m, true).sum().neg());
    }
  }
}
