package dev.alignment.trainer.hf;

import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A projection LoRA can adapt: its weight's Hugging Face name, the weight, its in/out features, and whether it is
 * stored (in, out) (GPT-2's Conv1D). Targets are found as PEFT finds them, by the module name's last part.
 */
record LoraTarget(String weightName, Parameter weight, long in, long out, boolean transposed) {
  static final Set<String> GPT2_MODULES = Set.of("c_attn", "c_proj", "c_fc");
  static final Set<String> LLAMA_MODULES =
      Set.of("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj");

  /** The module path PEFT names the adapter under, e.g. {@code model.layers.0.self_attn.q_proj}. */
  String modulePath() {
    return weightName.substring(0, weightName.length() - ".weight".length());
  }

  /** Every projection of the model whose module's last name part is one of {@code modules}, in parameter order. */
  static List<LoraTarget> find(HfModel model, List<String> modules) {
    boolean gpt2 = model.config() instanceof Gpt2Config;
    Set<String> supported = gpt2 ? GPT2_MODULES : LLAMA_MODULES;
    for (String module : modules) {
      if (!supported.contains(module)) {
        throw new IllegalArgumentException("lora target module \"" + module + "\" is not a projection of "
            + model.config().architecture() + "; supported: " + supported.stream().sorted().toList());
      }
    }
    List<LoraTarget> targets = new ArrayList<>();
    for (Map.Entry<String, Parameter> entry : model.parametersByName().entrySet()) {
      String name = entry.getKey();
      String[] parts = name.split("\\.");
      if (parts.length >= 2 && parts[parts.length - 1].equals("weight") && modules.contains(parts[parts.length - 2])) {
        long[] shape = entry.getValue().getArray().getShape().getShape();
        targets.add(gpt2
            ? new LoraTarget(name, entry.getValue(), shape[0], shape[1], true)
            : new LoraTarget(name, entry.getValue(), shape[1], shape[0], false));
      }
    }
    return targets;
  }
}
