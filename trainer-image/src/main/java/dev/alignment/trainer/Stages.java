package dev.alignment.trainer;

import dev.alignment.contract.BestOfNConfig;
import dev.alignment.contract.CommandConfig;
import dev.alignment.contract.DpoConfig;
import dev.alignment.contract.EvalConfig;
import dev.alignment.contract.PpoActorConfig;
import dev.alignment.contract.PpoCriticConfig;
import dev.alignment.contract.RewardConfig;
import dev.alignment.contract.SftConfig;
import dev.alignment.contract.SynthesizeConfig;
import dev.alignment.contract.TrainerCommand;
import dev.alignment.contract.ValidateDatasetConfig;
import dev.alignment.trainer.base.BadInputException;
import dev.alignment.trainer.base.StageResult;
import dev.alignment.trainer.metrics.ProgressReporter;
import dev.alignment.trainer.ppo.PpoActorStage;
import dev.alignment.trainer.ppo.PpoCriticStage;
import dev.alignment.trainer.stage.BestOfNStage;
import dev.alignment.trainer.stage.DpoStage;
import dev.alignment.trainer.stage.EvalStage;
import dev.alignment.trainer.stage.RewardStage;
import dev.alignment.trainer.stage.SftStage;
import dev.alignment.trainer.stage.SynthesizeStage;
import dev.alignment.trainer.stage.ValidateDatasetStage;
import dev.alignment.trainer.training.ProcessExit;
import dev.alignment.trainer.training.Stage;
import dev.alignment.trainer.training.StageContext;
import java.io.IOException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The trainer's commands, as the contract names them, and the stage that runs each on its config record. */
public final class Stages {
  private Stages() {}

  public static TrainerCommand command(String name) {
    return TrainerCommand.of(name)
        .orElseThrow(() -> new BadInputException("unknown stage '" + name + "'; available: " + names()));
  }

  /** Runs {@code command}'s stage on {@code config}, the record the contract reader made of its config file. */
  public static StageResult run(TrainerCommand command, CommandConfig config, ProgressReporter progress, ProcessExit exit)
      throws IOException {
    return switch (command) {
      case VALIDATE_DATASET -> run(new ValidateDatasetStage(), ValidateDatasetConfig.class, config, progress, exit);
      case SYNTHESIZE -> run(new SynthesizeStage(), SynthesizeConfig.class, config, progress, exit);
      case SFT -> run(new SftStage(), SftConfig.class, config, progress, exit);
      case REWARD -> run(new RewardStage(), RewardConfig.class, config, progress, exit);
      case DPO -> run(new DpoStage(), DpoConfig.class, config, progress, exit);
      case PPO_ACTOR -> run(new PpoActorStage(), PpoActorConfig.class, config, progress, exit);
      case PPO_CRITIC -> run(new PpoCriticStage(), PpoCriticConfig.class, config, progress, exit);
      case BEST_OF_N -> run(new BestOfNStage(), BestOfNConfig.class, config, progress, exit);
      case EVAL -> run(new EvalStage(), EvalConfig.class, config, progress, exit);
    };
  }

  private static <C extends CommandConfig> StageResult run(Stage<C> stage, Class<C> type, CommandConfig config,
      ProgressReporter progress, ProcessExit exit) throws IOException {
    return stage.run(new StageContext<>(type.cast(config), progress, exit));
  }

  public static String names() {
    return Arrays.stream(TrainerCommand.values()).map(TrainerCommand::command).sorted().collect(Collectors.joining(", "));
  }
}
