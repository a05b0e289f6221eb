package dev.alignment.trainer.hf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** Where a model's parameters come from, by Hugging Face tensor name, in fp32 and the shape the config implies. */
public interface WeightSource {
  NDArray take(String name, Shape shape);

  /** Whether the source holds a tensor of this name (for optional tensors such as a tied head's copy). */
  boolean has(String name);
}
