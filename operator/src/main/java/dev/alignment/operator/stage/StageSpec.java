package dev.alignment.operator.stage;

import dev.alignment.api.v1alpha1.ResourceRequest;
import java.util.Map;

/**
 * One stage of a pipeline: what the trainer runs ({@code alignment-trainer <command> --config <file>}), with
 * which config and on what compute.
 *
 * @param name stage name, part of Job names and of the output path (e.g. {@code dpo})
 * @param command the trainer's stage command (e.g. {@code dpo}, {@code validate-dataset})
 * @param config the stage's config document, written as JSON into the stage's ConfigMap
 * @param resources compute for the trainer container; null means the operator's defaults
 * @param inputConfigMap a ConfigMap to mount read-only at {@link #INPUT_DIR}, or null
 */
public record StageSpec(
    String name, String command, Map<String, Object> config, ResourceRequest resources, String inputConfigMap) {
  /** Where a stage's input ConfigMap is mounted. */
  public static final String INPUT_DIR = "/etc/alignment/input";
}
