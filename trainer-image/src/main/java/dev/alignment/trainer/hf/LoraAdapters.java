package dev.alignment.trainer.hf;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model's LoRA adapters by the Hugging Face name of the projection weight they modify, switched on or off for
 * every forward pass together (off: the base model, e.g. the reference policy, without a second copy).
 */
public final class LoraAdapters {
  private final Map<String, LoraAdapter> byName = new LinkedHashMap<>();
  private final Map<Parameter, LoraAdapter> byWeight = new IdentityHashMap<>();
  private LoraSettings settings;
  private boolean enabled = true;

  void put(String weightName, Parameter weight, LoraAdapter adapter, LoraSettings settings) {
    byName.put(weightName, adapter);
    byWeight.put(weight, adapter);
    this.settings = settings;
  }

  /** The settings the adapters were made with (null when there are none). */
  LoraSettings settings() {
    return settings;
  }

  /** Adapters by the projection weight's name (e.g. {@code model.layers.0.self_attn.q_proj.weight}). */
  Map<String, LoraAdapter> byName() {
    return Collections.unmodifiableMap(byName);
  }

  public boolean enabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /** The adapter's addition to this projection's output, or null when it has none or adapters are off. */
  NDArray output(ParameterStore ps, Parameter weight, NDArray x, boolean training) {
    LoraAdapter adapter = enabled ? byWeight.get(weight) : null;
    return adapter == null ? null : adapter.output(ps, x, training);
  }

  void clear() {
    byName.clear();
    byWeight.clear();
    settings = null;
  }
}
