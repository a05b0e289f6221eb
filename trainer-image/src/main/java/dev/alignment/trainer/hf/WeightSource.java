package dev.alignment.trainer.hf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;

/** Where a model's parameters come from, by Hugging Face tensor name, in fp32 and the shape the config implies. */
public interface WeightSource {
  /** The tensor {@code name}; {@code type} says what it is (weight, bias, norm scale or shift) to sources that draw it. */
  NDArray take(String name, Parameter.Type type, Shape shape);

  /** Whether the source holds a tensor of this name (for optional tensors such as a tied head's copy). */
  boolean has(String name);
}
