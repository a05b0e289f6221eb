package dev.alignment.trainer.hf;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds trainable DJL parameters from a {@link WeightSource} and keeps them by their Hugging Face tensor names, with
 * the LoRA adapters later attached to them.
 */
final class NamedParameters {
  private final WeightSource source;
  private final Map<String, Parameter> byName = new LinkedHashMap<>();
  private final LoraAdapters adapters = new LoraAdapters();

  NamedParameters(WeightSource source) {
    this.source = source;
  }

  Parameter take(String name, Parameter.Type type, long... shape) {
    Parameter parameter = Parameter.builder()
        .setName(name)
        .setType(type)
        .optArray(source.take(name, type, new Shape(shape)))
        .build();
    byName.put(name, parameter);
    return parameter;
  }

  LoraAdapters adapters() {
    return adapters;
  }

  boolean has(String name) {
    return source.has(name);
  }

  /** Every parameter by tensor name, in creation order; a tied head appears once, under the embedding's name. */
  Map<String, Parameter> byName() {
    return Collections.unmodifiableMap(byName);
  }
}
