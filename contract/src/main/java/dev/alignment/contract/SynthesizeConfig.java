package dev.alignment.contract;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** The config of {@code synthesize}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription("synthesize: samples completion pairs from a policy and labels them with a simulated annotator.")
public record SynthesizeConfig(
    @JsonUnwrapped
    StageHeader header,
    @JsonProperty(required = true)
    @JsonPropertyDescription("The policy the pairs are sampled from.")
    ModelRef policy,
    @JsonProperty(required = true)
    @JsonPropertyDescription(Docs.PROMPTS)
    String prompts,
    @JsonProperty(required = true)
    @JsonPropertyDescription(Docs.ANNOTATOR)
    AnnotatorBlock annotator,
    @JsonProperty(required = true)
    @JsonPropertyDescription("Pairs to write (> 0).")
    int pairs,
    @JsonProperty(required = true)
    @JsonPropertyDescription(Docs.SEED)
    long seed,
    @JsonProperty(required = true)
    @JsonPropertyDescription("URI of the JSONL file to write, file://<outputDir>/pairs.jsonl.")
    String output) implements CommandConfig {
}
