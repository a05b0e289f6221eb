package dev.alignment.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
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
 * {@code torch.optim.Adam} (no weight decay) over a model's parameters, with gradient clipping by global norm as
 * {@code torch.nn.utils.clip_grad_norm_} does it. The update is DJL's fused Adam kernel; the moments and the step count
 * live here because DJL's own optimizers keep theirs private, and a checkpoint must save and restore them.
 */
public final class AdamOptimizer {
  private static final float BETA1 = 0.9f;
  private static final float BETA2 = 0.999f;
  private static final float EPSILON = 1e-8f;
  /** clip_grad_norm_'s guard against a zero norm. */
  private static final double CLIP_EPSILON = 1e-6;

  private final List<Parameter> parameters = new ArrayList<>();
  private final List<NDArray> means = new ArrayList<>();
  private final List<NDArray> variances = new ArrayList<>();
  private final float learningRate;
  private final double maxGradNorm;
  private int updates;

  /** {@code maxGradNorm} of 0 turns clipping off. */
  public AdamOptimizer(TransformerModel model, float learningRate, double maxGradNorm) {
    if (!(maxGradNorm >= 0)) {
      throw new IllegalArgumentException("maxGradNorm must be >= 0, got " + maxGradNorm);
    }
    this.learningRate = learningRate;
    this.maxGradNorm = maxGradNorm;
    for (Pair<String, Parameter> p : model.getParameters()) {
      if (!p.getValue().requiresGradient()) {
        continue;
      }
      NDArray weight = p.getValue().getArray();
      parameters.add(p.getValue());
      means.add(weight.zerosLike());
      variances.add(weight.zerosLike());
    }
  }

  /**
   * Applies one update from the gradients the last backward pass left on the parameters, scaled down to
   * {@code maxGradNorm} when their global norm exceeds it, and zeroes them (DJL's kernel does, after the update).
   * Returns the global L2 norm of the gradients before clipping, as TRL logs {@code grad_norm}.
   */
  public double step() {
    List<NDArray> gradients = new ArrayList<>(parameters.size());
    try {
      for (Parameter p : parameters) {
        gradients.add(p.getArray().getGradient());
      }
      double norm = globalNorm(gradients);
      float scale = maxGradNorm > 0 ? (float) Math.min(1.0, maxGradNorm / (norm + CLIP_EPSILON)) : 1f;
      updates++;
      double biasCorrection1 = 1 - Math.pow(BETA1, updates);
      double biasCorrection2 = 1 - Math.pow(BETA2, updates);
      // The kernel computes w -= lr' * m / (sqrt(v) + eps'); with lr' = lr * sqrt(bc2) / bc1 and eps' = eps * sqrt(bc2)
      // that is PyTorch's w -= lr / bc1 * m / (sqrt(v) / sqrt(bc2) + eps). The rescale factor applies the clipping.
      float stepSize = (float) (learningRate * Math.sqrt(biasCorrection2) / biasCorrection1);
      float epsilon = (float) (EPSILON * Math.sqrt(biasCorrection2));
      for (int i = 0; i < parameters.size(); i++) {
        NDArray weight = parameters.get(i).getArray();
        weight.getNDArrayInternal().adamUpdate(
            new NDList(weight, gradients.get(i), means.get(i), variances.get(i)), new NDList(weight),
            learningRate, stepSize, 0f, scale, -1f, BETA1, BETA2, epsilon, false, false);
      }
      return norm;
    } finally {
      gradients.forEach(NDArray::close);
    }
  }

  /** The L2 norm of the per-parameter L2 norms (clip_grad_norm_'s order of operations), in one read back from the engine. */
  private static double globalNorm(List<NDArray> gradients) {
    NDList norms = new NDList(gradients.size());
    try {
      for (NDArray g : gradients) {
        norms.add(g.norm());
      }
      try (NDArray stacked = NDArrays.stack(norms); NDArray total = stacked.norm()) {
        return total.getFloat();
      }
    } finally {
      norms.close();
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
