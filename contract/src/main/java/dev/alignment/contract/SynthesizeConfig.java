package dev.alignment.contract;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The config of {@code synthesize}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription("synthesize: samples completion pairs from a policy and labels them with a simulated annotator.")
public record SynthesizeConfig(
    @JsonProperty(required = true)
    @JsonPropertyDescription(Docs.CONTRACT_VERSION)
    int contractVersion,
    @JsonProperty(required = true)
    @JsonPropertyDescription(Docs.STAGE)
    String stage,
    @JsonProperty(required = true)
    @JsonPropertyDescription(Docs.NAMESPACE)
    String namespace,
    @JsonProperty(required = true)
    @JsonPropertyDescription(Docs.OWNER)
    String owner,
    @JsonProperty(required = true)
    @JsonPropertyDescription(Docs.OWNER_KIND)
    String ownerKind,
    @JsonProperty(required = true)
    @JsonPropertyDescription(Docs.OUTPUT_DIR)
    String outputDir,
    @JsonProperty(required = true)
    @JsonPropertyDescription(Docs.CHECKPOINT_EVERY)
    int checkpointEvery,
    @JsonProperty(required = true)
    @JsonPropertyDescription(Docs.METRICS_PORT)
    int metricsPort,
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
    String output) implements StageHeader {
}
