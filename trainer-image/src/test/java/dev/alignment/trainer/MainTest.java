package dev.alignment.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Command-line handling: bad invocations and bad configs exit 2 with a message in the termination log. */
class MainTest {
  @TempDir Path work;

  @Test
  void ppoAndBestOfNConfigErrorsNameTheKey() throws Exception {
    Map<String, Object> training = Map.of("steps", 1, "batchSize", 2, "learningRate", 1e-3);
    TrainerRun actor = TrainerRun.stage(work, "ppo-actor", Map.of("training", training, "ppo", Map.of("topology", "Sideways")));
    assertThat(actor.exitCode()).isEqualTo(2);
    assertThat(actor.message()).contains("'ppo.topology' must be Split or Colocated, got 'Sideways'");

    TrainerRun critic = TrainerRun.stage(work, "ppo-critic", Map.of("training", training, "ppo", Map.of("clipRange", 0)));
    assertThat(critic.exitCode()).isEqualTo(2);
    assertThat(critic.message()).contains("'ppo.clipRange' must be > 0");

    TrainerRun bestOfN = TrainerRun.stage(work, "best-of-n", Map.of());
    assertThat(bestOfN.exitCode()).isEqualTo(2);
    assertThat(bestOfN.message()).contains("config key 'n' is missing");
  }

  @Test
  void unknownStageAndMissingConfigExitWithBadInput() throws Exception {
    TrainerRun unknown = TrainerRun.command(work, "train-everything", "--config", "x.json");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.message()).contains("unknown stage 'train-everything'");

    TrainerRun missing = TrainerRun.command(work, "sft", "--config", work.resolve("absent.json").toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.message()).contains("absent.json").contains("not found");

    TrainerRun usage = TrainerRun.command(work, "sft");
    assertThat(usage.exitCode()).isEqualTo(2);
    assertThat(usage.message()).startsWith("usage:");
  }

  @Test
  void configErrorsNameTheFileAndTheKey() throws Exception {
    TrainerRun run = TrainerRun.stage(work, "sft", Map.of(
        "model", Map.of("uri", "builtin://tiny"), "dataset", "builtin://sentiment/sft",
        "training", Map.of("steps", "many", "batchSize", 4, "learningRate", 1e-3)));
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.message()).contains("sft-config.json").contains("'training.steps' must be a number");

    Path broken = work.resolve("broken.json");
    Files.writeString(broken, "{\"stage\": ");
    TrainerRun invalid = TrainerRun.command(work, "sft", "--config", broken.toString());
    assertThat(invalid.exitCode()).isEqualTo(2);
    assertThat(invalid.message()).contains("broken.json").contains("not valid JSON");
  }

  /** The SFT and prompt readers take the same path as validate-dataset: an undecodable line is exit 2 naming it. */
  @Test
  void sftAndSynthesizeDatasetsThatAreNotUtf8AreBadInputNamingFileAndLine() throws Exception {
    Path demonstrations = work.resolve("demonstrations.jsonl");
    Files.write(demonstrations, new byte[] {'{', '}', '\n', (byte) 0xff, '\n'});
    TrainerRun sft = TrainerRun.stage(work, "sft", Map.of(
        "model", Map.of("uri", "builtin://tiny"), "dataset", "file://" + demonstrations,
        "training", Map.of("steps", 1, "batchSize", 2, "learningRate", 1e-3)));
    assertThat(sft.exitCode()).as(sft.toString()).isEqualTo(2);
    assertThat(sft.message()).isEqualTo(demonstrations + ": 2 malformed lines: line 1: missing field 'prompt';"
        + " line 2: invalid UTF-8 at byte offset 3");

    Path prompts = Files.createDirectories(work.resolve("prompts"));
    TrainerRun synthesize = TrainerRun.stage(work, "synthesize", Map.of(
        "pairs", 2, "policy", Map.of("uri", "builtin://tiny"), "prompts", "file://" + prompts, "output", "file://" + work.resolve("out.jsonl")));
    assertThat(synthesize.exitCode()).as(synthesize.toString()).isEqualTo(2);
    assertThat(synthesize.message()).isEqualTo(prompts + ": is a directory, not a JSON Lines file");
  }

  @Test
  void aDatasetThatIsNotThereIsBadInputNamingTheFile() throws Exception {
    TrainerRun run = TrainerRun.stage(work, "dpo", Map.of(
        "policy", Map.of("uri", "builtin://tiny"), "reference", Map.of("uri", "builtin://tiny"),
        "dataset", "file://" + work.resolve("nowhere"), "loss", "DPO", "beta", 0.1,
        "training", Map.of("steps", 1, "batchSize", 2, "learningRate", 1e-3)));
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.message()).contains(work.resolve("nowhere").toString()).contains("not a validated dataset");
  }
}
