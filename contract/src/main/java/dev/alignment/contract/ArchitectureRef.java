package dev.alignment.contract;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The shape of a decoder-only transformer: a preset with some dimensions overridden. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription("The shape of the decoder-only transformer: a preset, optionally with some dimensions overridden.")
@OptionalKey
public record ArchitectureRef(
    @JsonPropertyDescription("Named size: tiny (tests, quickstart) or small (benchmarks); the other keys override its dimensions.")
    Preset preset,
    @JsonPropertyDescription("Number of transformer blocks.")
    Integer layers,
    @JsonPropertyDescription("Attention heads per block; must divide hiddenSize.")
    Integer heads,
    @JsonPropertyDescription("Width of the residual stream (embedding size).")
    Integer hiddenSize,
    @JsonPropertyDescription("Longest sequence (prompt + completion) in tokens.")
    Integer contextLength) {

  /** Architecture presets known to the reference trainer. */
  public enum Preset { tiny, small }
}
