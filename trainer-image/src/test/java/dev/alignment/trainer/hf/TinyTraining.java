package dev.alignment.trainer.hf;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;

/** A few Adam steps of next-token cross-entropy on real tokens, for tests that need weights that moved. */
final class TinyTraining {
  private TinyTraining() {}

  static void train(HfModel model, NDArray ids, NDArray mask, int steps) {
    Optimizer optimizer = Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f)).build();
    ParameterStore ps = new ParameterStore(ids.getManager(), false);
    NDArray targets = mask.get(":, 1:").toType(DataType.FLOAT32, false);
    for (int step = 0; step < steps; step++) {
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray logits = model.forward(ps, new NDList(ids, mask), true).head();
        NDArray loss = TokenLogProbs.of(logits, ids).mul(targets).sum().div(targets.sum()).neg();
        collector.backward(loss);
      }
      for (Pair<String, Parameter> pair : model.getParameters()) {
        Parameter parameter = pair.getValue();
        if (parameter.requiresGradient()) {
          try (NDArray gradient = parameter.getArray().getGradient()) {
            optimizer.update(parameter.getId(), parameter.getArray(), gradient);
          }
        }
      }
    }
  }
}
