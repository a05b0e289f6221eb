package dev.alignment.trainer.hf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.Set;

/** A checkpoint's tensors with some drawn fresh instead: the new score head of a classifier made from a causal LM. */
record FreshHeadWeights(WeightSource checkpoint, WeightSource fresh, Set<String> freshNames) implements WeightSource {
  @Override
  public NDArray take(String name, Parameter.Type type, Shape shape) {
    return (freshNames.contains(name) ? fresh : checkpoint).take(name, type, shape);
  }

  @Override
  public boolean has(String name) {
    return freshNames.contains(name) || checkpoint.has(name);
  }
}
