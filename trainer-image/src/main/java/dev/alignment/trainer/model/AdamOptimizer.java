package dev.alignment.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam over a model's parameters. The update is DJL's fused Adam kernel; the moments and the step count live here
 * because DJL's own optimizers keep theirs private, and a checkpoint must save and restore them.
 */
public final class AdamOptimizer {
  private static final float BETA1 = 0.9f;
  private static final float BETA2 = 0.999f;
  private static final float EPSILON = 1e-8f;

  private final List<Parameter> parameters = new ArrayList<>();
  private final List<NDArray> means = new ArrayList<>();
  private final List<NDArray> variances = new ArrayList<>();
  private final float learningRate;
  private int updates;

  public AdamOptimizer(TransformerModel model, float learningRate) {
    this.learningRate = learningRate;
    for (Pair<String, Parameter> p : model.getParameters()) {
      NDArray weight = p.getValue().getArray();
      parameters.add(p.getValue());
      means.add(weight.zerosLike());
      variances.add(weight.zerosLike());
    }
  }

  /** Applies one update from the gradients the last backward pass left on the parameters, then clears them. */
  public void step() {
    updates++;
    double correction = Math.sqrt(1 - Math.pow(BETA2, updates)) / (1 - Math.pow(BETA1, updates));
    for (int i = 0; i < parameters.size(); i++) {
      NDArray weight = parameters.get(i).getArray();
      try (NDArray gradient = weight.getGradient()) {
        weight.getNDArrayInternal().adamUpdate(
            new NDList(weight, gradient, means.get(i), variances.get(i)), new NDList(weight),
            learningRate, (float) (learningRate * correction), 0f, 1f, -1f, BETA1, BETA2, EPSILON, false, true);
      }
    }
  }

  public void save(DataOutputStream out) throws IOException {
    out.writeInt(updates);
    NDList state = new NDList();
    state.addAll(means);
    state.addAll(variances);
    out.write(state.encode());
  }

  public void load(DataInputStream in, NDManager manager) throws IOException {
    updates = in.readInt();
    NDList state = NDList.decode(manager, in.readAllBytes());
    for (int i = 0; i < parameters.size(); i++) {
      means.set(i, replace(means.get(i), state.get(i)));
      variances.set(i, replace(variances.get(i), state.get(parameters.size() + i)));
    }
  }

  private static NDArray replace(NDArray old, NDArray restored) {
    old.close();
    return restored;
  }
}
