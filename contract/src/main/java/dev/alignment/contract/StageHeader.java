package dev.alignment.contract;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * The keys every stage config has: contract version, who owns the stage, where it writes, checkpoints and metrics.
 * Each config holds it {@code @JsonUnwrapped}, so its keys stand at the config's top level.
 */
public record StageHeader(
    @JsonPropertyDescription(Docs.CONTRACT_VERSION)
    int contractVersion,
    @JsonPropertyDescription(Docs.STAGE)
    String stage,
    @JsonPropertyDescription(Docs.NAMESPACE)
    String namespace,
    @JsonPropertyDescription(Docs.OWNER)
    String owner,
    @JsonPropertyDescription(Docs.OWNER_KIND)
    String ownerKind,
    @JsonPropertyDescription(Docs.OUTPUT_DIR)
    String outputDir,
    @JsonPropertyDescription(Docs.CHECKPOINT_EVERY)
    int checkpointEvery,
    @JsonPropertyDescription(Docs.METRICS_PORT)
    int metricsPort) {}
