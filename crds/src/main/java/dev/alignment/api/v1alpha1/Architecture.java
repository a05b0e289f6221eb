package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** The shape of the decoder-only transformer: a preset, optionally with some dimensions overridden. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Architecture {
  @JsonPropertyDescription(
      "Named size: tiny (tests, quickstart) or small (benchmarks). Other fields override its " +
      "dimensions.")
  public Preset preset;

  @JsonPropertyDescription("Number of transformer blocks.")
  @Min(1)
  @Max(Bounds.LAYERS)
  public Integer layers;

  @JsonPropertyDescription("Attention heads per block; must divide hiddenSize.")
  @Min(1)
  @Max(Bounds.LAYERS)
  public Integer heads;

  @JsonPropertyDescription("Width of the residual stream (embedding size).")
  @Min(8)
  @Max(Bounds.HIDDEN_SIZE)
  public Integer hiddenSize;

  @JsonPropertyDescription("Longest sequence (prompt + completion) in tokens.")
  @Min(8)
  @Max(Bounds.CONTEXT_LENGTH)
  public Integer contextLength;

  /** Architecture presets known to the reference trainer. */
  public enum Preset {
    tiny,
    small
  }
}
