package dev.alignment.trainer.hf;

import java.util.List;

/** LoRA as PEFT configures it: adapters of rank {@code rank} on the named projections, scaled by alpha / rank. */
public record LoraSettings(int rank, double alpha, double dropout, List<String> targetModules) {
  public LoraSettings {
    if (rank < 1) {
      throw new IllegalArgumentException("lora rank must be at least 1, was " + rank);
    }
    if (!(dropout >= 0 && dropout < 1)) {
      throw new IllegalArgumentException("lora dropout must be in [0, 1), was " + dropout);
    }
    if (targetModules.isEmpty()) {
      throw new IllegalArgumentException("lora targetModules must name at least one projection");
    }
    targetModules = List.copyOf(targetModules);
  }

  public double scaling() {
    return alpha / rank;
  }
}
