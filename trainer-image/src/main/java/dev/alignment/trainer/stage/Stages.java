package dev.alignment.trainer.stage;

import dev.alignment.trainer.BadInputException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/** The trainer's commands by name; the PPO and best-of-n commands are part of the contract but not built yet. */
public final class Stages {
  private static final Map<String, Supplier<Stage>> AVAILABLE = Map.of(
      "validate-dataset", ValidateDatasetStage::new,
      "synthesize", SynthesizeStage::new,
      "sft", SftStage::new,
      "reward", RewardStage::new,
      "dpo", DpoStage::new,
      "eval", EvalStage::new);
  private static final Set<String> PLANNED = Set.of("ppo-actor", "ppo-critic", "best-of-n");

  private Stages() {}

  public static Stage named(String command) {
    Supplier<Stage> stage = AVAILABLE.get(command);
    if (stage != null) {
      return stage.get();
    }
    if (PLANNED.contains(command)) {
      throw new BadInputException("stage '" + command + "' is not available in this trainer version yet; available: " + names());
    }
    throw new BadInputException("unknown stage '" + command + "'; available: " + names());
  }

  public static String names() {
    return String.join(", ", new TreeSet<>(AVAILABLE.keySet()));
  }
}
