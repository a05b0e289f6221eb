package dev.alignment.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Command-line handling: bad invocations and bad configs exit 2 with a message in the termination log. */
class MainTest {
  @TempDir Path work;

  @Test
  void ppoAndBestOfNConfigErrorsNameTheKey() throws Exception {
    Map<String, Object> tiny = Map.of("uri", "builtin://tiny");
    Map<String, Object> inputs = Map.of("policy", tiny, "reference", tiny, "rewardModel", "builtin://tiny",
        "training", Map.of("steps", 1, "batchSize", 2, "learningRate", 1e-3));
    TrainerRun actor = TrainerRun.stage(work, "ppo-actor", with(inputs, "ppo", Map.of("topology", "Sideways")));
    assertThat(actor.exitCode()).isEqualTo(2);
    assertThat(actor.message()).contains("ppo.topology: expected one of [Split, Colocated], got \"Sideways\"");

    TrainerRun critic = TrainerRun.stage(work, "ppo-critic", with(inputs, "ppo", Map.of("clipRange", 0)));
    assertThat(critic.exitCode()).isEqualTo(2);
    assertThat(critic.message()).contains("ppo-critic-config.json: ppo.clipRange: must be > 0, got 0.0");

    TrainerRun bestOfN = TrainerRun.stage(work, "best-of-n", inputs);
    assertThat(bestOfN.exitCode()).isEqualTo(2);
    assertThat(bestOfN.message()).endsWith("best-of-n-config.json: missing required key 'n'");
  }

  private static Map<String, Object> with(Map<String, Object> config, String key, Object value) {
    Map<String, Object> out = new LinkedHashMap<>(config);
    out.put(key, value);
    return out;
  }

  /** The contract refuses a config before any work: exit 2, the termination log naming the file and the key. */
  @Test
  void aConfigTheContractRefusesIsBadInputNamingTheKeyBeforeAnyWork() throws Exception {
    assertRefused(config -> config.put("trainingSteps", 5), "unknown key 'trainingSteps'");
    assertRefused(config -> training(config).put("warmupSteps", 5), "unknown key 'warmupSteps' at training");
    assertRefused(config -> config.remove("ownerKind"), "missing required key 'ownerKind'");
    assertRefused(config -> training(config).remove("seed"), "missing required key 'seed' at training");
    assertRefused(config -> config.put("checkpointEvery", "50"), "checkpointEvery: expected an integer, got \"50\"");
    assertRefused(config -> config.put("contractVersion", 2), "contractVersion 2 is not supported");
  }

  /** What the record types cannot state is checked with them, before any work: ranges, and keys one value needs. */
  @Test
  void aValueOutOfRangeIsBadInputNamingTheKeyBeforeAnyWork() throws Exception {
    assertRefused(config -> training(config).put("steps", 0), "training.steps: must be > 0, got 0");
    assertRefused(config -> training(config).put("maxGradNorm", -1.0), "training.maxGradNorm: must be a finite number >= 0");
    assertRefused(config -> config.put("checkpointEvery", 0), "checkpointEvery: must be > 0, got 0");

    Map<String, Object> tiny = Map.of("uri", "builtin://tiny");
    TrainerRun splitWithoutCritic = TrainerRun.stage(work, "ppo-actor", Map.of("policy", tiny, "reference", tiny,
        "rewardModel", "builtin://tiny", "training", Map.of("steps", 1, "batchSize", 2, "learningRate", 1e-3),
        "ppo", Map.of("topology", "Split")));
    assertThat(splitWithoutCritic.exitCode()).isEqualTo(Main.BAD_INPUT);
    assertThat(splitWithoutCritic.message()).endsWith("ppo-actor-config.json: missing key 'critic': the Split topology's actor needs the critic's url");
  }

  /** The sft config the contract accepts, as written to the file, with {@code change} made to it. */
  private void assertRefused(Consumer<Map<String, Object>> change, String problem) throws IOException {
    Path workDir = work.resolve("refused-" + System.nanoTime());
    Map<String, Object> config = ContractConfigs.complete("sft", workDir, Map.of(
        "model", Map.of("uri", "builtin://tiny"), "dataset", "builtin://sentiment/sft",
        "training", Map.of("steps", 1, "batchSize", 2, "learningRate", 1e-3)));
    config.put("training", new LinkedHashMap<>(training(config)));
    change.accept(config);
    Path file = Files.createDirectories(workDir).resolve("sft.json");
    Files.writeString(file, new Gson().toJson(config));

    TrainerRun run = TrainerRun.command(workDir, "sft", "--config", file.toString());
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(Main.BAD_INPUT);
    assertThat(run.message()).startsWith(file + ": " + problem);
    assertThat(workDir.resolve("sft")).as("the stage's output directory").doesNotExist();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> training(Map<String, Object> config) {
    return (Map<String, Object>) config.get("training");
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
    assertThat(run.message()).contains("sft-config.json").contains("training.steps: expected an integer, got \"many\"");

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
