package dev.alignment.operator.stage;

import dev.alignment.api.v1alpha1.ResourceRequest;
import dev.alignment.contract.CommandConfig;
import dev.alignment.contract.ContractJson;
import dev.alignment.contract.TrainerCommand;
import java.util.List;

/**
 * One stage of a pipeline: the Jobs each attempt runs ({@code alignment-trainer <command> --config <file>}), with
 * which config. Most stages are one Job; PPO's Split topology is two (actor and critic), started, failed and retried
 * together.
 *
 * @param name stage name, part of Job names and of the output path (e.g. {@code dpo})
 * @param roles the Jobs of an attempt; the first is the primary, whose summary is the stage's
 * @param config the stage's config, written as JSON into the stage's ConfigMap and read by every role
 * @param inputConfigMap a ConfigMap to mount read-only at {@link #INPUT_DIR}, or null
 */
public record StageSpec(String name, List<StageRole> roles, CommandConfig config, String inputConfigMap) {
  /** Where a stage's input ConfigMap is mounted. */
  public static final String INPUT_DIR = "/etc/alignment/input";

  /** A stage of one Job. */
  public StageSpec(String name, TrainerCommand command, CommandConfig config, ResourceRequest resources, String inputConfigMap) {
    this(name, List.of(StageRole.only(command, resources)), config, inputConfigMap);
  }

  /** The config as the trainer reads it, written by the contract's writer (indented: people read ConfigMaps too). */
  public String configJson() {
    return ContractJson.writeIndented(config);
  }

  /** Role names of a stage of several Jobs; empty for a single-Job stage. */
  public List<String> roleNames() {
    return roles.size() == 1 && roles.get(0).name() == null ? List.of() : roles.stream().map(StageRole::name).toList();
  }
}
