package dev.alignment.trainer.hf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Fresh parameters as transformers' {@code _init_weights} draws them: weights and embeddings from N(0, std(name)),
 * biases and norm shifts zero, norm scales one. One seeded generator, drawn in the order the model asks, so the same
 * seed and config give the same model on any machine and thread.
 */
final class RandomWeights implements WeightSource {
  private final NDManager manager;
  private final SplittableRandom random;
  private final ToDoubleFunction<String> std;

  RandomWeights(NDManager manager, long seed, ToDoubleFunction<String> std) {
    this.manager = manager;
    this.random = new SplittableRandom(seed);
    this.std = std;
  }

  @Override
  public NDArray take(String name, Parameter.Type type, Shape shape) {
    if (type == Parameter.Type.GAMMA) {
      return manager.ones(shape);
    }
    if (type != Parameter.Type.WEIGHT) {
      return manager.zeros(shape);
    }
    double deviation = std.applyAsDouble(name);
    float[] values = new float[Math.toIntExact(shape.size())];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) (random.nextGaussian() * deviation);
    }
    return manager.create(values, shape);
  }

  @Override
  public boolean has(String name) {
    return true;
  }
}
