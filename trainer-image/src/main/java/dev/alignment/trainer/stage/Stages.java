package dev.alignment.trainer.stage;

import dev.alignment.contract.TrainerCommand;
import dev.alignment.trainer.BadInputException;
import dev.alignment.trainer.ppo.PpoActorStage;
import dev.alignment.trainer.ppo.PpoCriticStage;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The trainer's commands, as the contract names them, and the stage that runs each. */
public final class Stages {
  private Stages() {}

  public static TrainerCommand command(String name) {
    return TrainerCommand.of(name)
        .orElseThrow(() -> new BadInputException("unknown stage '" + name + "'; available: " + names()));
  }

  public static Stage of(TrainerCommand command) {
    return switch (command) {
      case VALIDATE_DATASET -> new ValidateDatasetStage();
      case SYNTHESIZE -> new SynthesizeStage();
      case SFT -> new SftStage();
      case REWARD -> new RewardStage();
      case DPO -> new DpoStage();
      case PPO_ACTOR -> new PpoActorStage();
      case PPO_CRITIC -> new PpoCriticStage();
      case BEST_OF_N -> new BestOfNStage();
      case EVAL -> new EvalStage();
    };
  }

  public static String names() {
    return Arrays.stream(TrainerCommand.values()).map(TrainerCommand::command).sorted().collect(Collectors.joining(", "));
  }
}
