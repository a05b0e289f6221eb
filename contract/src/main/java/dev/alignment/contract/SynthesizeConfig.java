package dev.alignment.contract;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** The config of {@code synthesize}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription("synthesize: samples completion pairs from a policy and labels them with a simulated annotator.")
public record SynthesizeConfig(
    @JsonUnwrapped
    StageHeader header,
    @JsonPropertyDescription("The policy the pairs are sampled from.")
    ModelRef policy,
    @JsonPropertyDescription(Docs.PROMPTS)
    String prompts,
    @JsonPropertyDescription(Docs.ANNOTATOR)
    AnnotatorBlock annotator,
    @JsonPropertyDescription("Pairs to write (> 0).")
    int pairs,
    @JsonPropertyDescription(Docs.SEED)
    long seed,
    @JsonPropertyDescription("URI of the JSONL file to write, file://<outputDir>/pairs.jsonl.")
    String output) implements CommandConfig {
}
