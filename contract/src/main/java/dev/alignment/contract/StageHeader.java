package dev.alignment.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * The keys every stage config has: contract version, who owns the stage, where it writes, checkpoints and metrics,
 * and where {@code s3://} URIs lead and the final model is exported to. Each config holds it {@code @JsonUnwrapped},
 * so its keys stand at the config's top level.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
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
    int metricsPort,
    @OptionalKey
    @JsonPropertyDescription("The namespace's own root on the workspace, /workspace/<namespace> (absolute): a file:// "
        + "path on the workspace volume (under the root's parent) must stay under it, also once symlinks are resolved; "
        + "the trainer refuses one that leads out (exit 2). Paths off the volume, such as the input the operator mounts, "
        + "are not checked. Absent: no such check (a config made outside the operator).")
    String workspaceRoot,
    @OptionalKey
    @JsonPropertyDescription("The operator's policy for http(s) URIs. Absent: public addresses only, at most "
        + "4 GiB (Defaults.HTTP_MAX_BYTES).")
    HttpPolicy httpPolicy,
    @OptionalKey
    @JsonPropertyDescription(Docs.S3_ENDPOINT)
    String s3Endpoint,
    @OptionalKey
    @JsonPropertyDescription(Docs.EXPORT_URI)
    String exportUri) {}
