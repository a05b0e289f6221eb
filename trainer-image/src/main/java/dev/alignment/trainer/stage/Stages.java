package dev.alignment.trainer.stage;

import dev.alignment.trainer.BadInputException;
import dev.alignment.trainer.ppo.PpoActorStage;
import dev.alignment.trainer.ppo.PpoCriticStage;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

/** The trainer's commands by name. */
public final class Stages {
  private static final Map<String, Supplier<Stage>> AVAILABLE = Map.of(
      "validate-dataset", ValidateDatasetStage::new,
      "synthesize", SynthesizeStage::new,
      "sft", SftStage::new,
      "reward", RewardStage::new,
      "dpo", DpoStage::new,
      "ppo-actor", PpoActorStage::new,
      "ppo-critic", PpoCriticStage::new,
      "best-of-n", BestOfNStage::new,
      "eval", EvalStage::new);

  private Stages() {}

  public static Stage named(String command) {
    Supplier<Stage> stage = AVAILABLE.get(command);
    if (stage != null) {
      return stage.get();
    }
    throw new BadInputException("unknown stage '" + command + "'; available: " + names());
  }

  public static String names() {
    return String.join(", ", new TreeSet<>(AVAILABLE.keySet()));
  }
}
