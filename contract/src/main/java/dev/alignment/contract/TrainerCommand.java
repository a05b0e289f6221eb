package dev.alignment.contract;

import java.util.Arrays;
import java.util.Optional;

/** A trainer command ({@code alignment-trainer <command> --config ...}) and the config record it reads. */
public enum TrainerCommand {
  VALIDATE_DATASET("validate-dataset", ValidateDatasetConfig.class),
  SYNTHESIZE("synthesize", SynthesizeConfig.class),
  REWARD("reward", RewardConfig.class),
  SFT("sft", SftConfig.class),
  DPO("dpo", DpoConfig.class),
  PPO_ACTOR("ppo-actor", PpoActorConfig.class),
  PPO_CRITIC("ppo-critic", PpoCriticConfig.class),
  BEST_OF_N("best-of-n", BestOfNConfig.class),
  EVAL("eval", EvalConfig.class);

  private final String command;
  private final Class<? extends CommandConfig> config;

  TrainerCommand(String command, Class<? extends CommandConfig> config) {
    this.command = command;
    this.config = config;
  }

  /** The name on the trainer's command line, and of the command's schema file. */
  public String command() {
    return command;
  }

  public Class<? extends CommandConfig> config() {
    return config;
  }

  public static Optional<TrainerCommand> of(String command) {
    return Arrays.stream(values()).filter(c -> c.command.equals(command)).findFirst();
  }
}
