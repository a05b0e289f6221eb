package dev.alignment.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alignment.trainer.model.AtomicDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The quickstart's first stages on the built-in task with the tiny model, run once per test JVM and shared by the
 * pipeline tests: a validated noise-free preference dataset, an SFT policy (300 steps) and a reward model trained from
 * it (300 steps).
 */
public final class SentimentPipeline {
  private static Trained trained;

  private SentimentPipeline() {}

  /** The shared stages' runs and where they wrote. */
  public record Trained(Path work, TrainerRun validate, TrainerRun sft, TrainerRun reward) {
    public String dataset() {
      return validate.output();
    }

    /** The SFT model as a model reference: the policy and the reference of the later stages. */
    public Map<String, Object> sftModel() {
      return Map.of("uri", sft.output(), "tokenizer", "builtin://words");
    }

    public String rewardModel() {
      return reward.output();
    }
  }

  public static synchronized Trained trained() throws IOException {
    if (trained == null) {
      Path work = Files.createTempDirectory("sentiment-pipeline");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          AtomicDirectory.deleteRecursively(work);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }));
      trained = train(work);
    }
    return trained;
  }

  private static Trained train(Path work) throws IOException {
    TrainerRun validate = TrainerRun.stage(work, "validate-dataset", Map.of(
        "source", "builtin://sentiment/preferences?count=2000&noise=0",
        "fields", Map.of("prompt", "prompt", "chosen", "chosen", "rejected", "rejected"),
        "validationFraction", 0.1));
    assertThat(validate.exitCode()).as(validate.toString()).isZero();

    TrainerRun sft = TrainerRun.stage(work, "sft", Map.of(
        "model", Map.of("uri", "builtin://tiny", "tokenizer", "builtin://words"),
        "dataset", "builtin://sentiment/sft", "datasetKind", "demonstrations",
        "training", Map.of("steps", 300, "batchSize", 32, "learningRate", 1e-3, "seed", 0)));
    assertThat(sft.exitCode()).as(sft.toString()).isZero();

    TrainerRun reward = TrainerRun.stage(work, "reward", Map.of(
        "model", Map.of("uri", sft.output(), "tokenizer", "builtin://words"), "dataset", validate.output(),
        "training", Map.of("steps", 300, "batchSize", 32, "learningRate", 1e-3, "seed", 0)));
    assertThat(reward.exitCode()).as(reward.toString()).isZero();
    return new Trained(work, validate, sft, reward);
  }
}
