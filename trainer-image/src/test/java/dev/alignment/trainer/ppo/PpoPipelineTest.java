package dev.alignment.trainer.ppo;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.alignment.trainer.SentimentPipeline;
import dev.alignment.trainer.TrainerRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RLHF on the built-in task with the tiny model: PPO (Colocated, the operator's default PPO settings, 40 iterations)
 * from the SFT policy against the reward model, then best-of-8 sampling, each judged by the gold reward against the
 * SFT reference.
 */
class PpoPipelineTest {
  /** The operator's PPO settings but the topology: the contract's defaults, which ContractConfigs fills in. */
  static final Map<String, Object> COLOCATED = Map.of("topology", "Colocated");

  @TempDir Path work;

  @Test
  void ppoAndBestOfNBeatTheSftReference() throws Exception {
    SentimentPipeline.Trained trained = SentimentPipeline.trained();
    Map<String, Object> sft = trained.sftModel();

    TrainerRun ppo = TrainerRun.stage(work, "ppo-actor", Map.of(
        "policy", sft, "reference", sft, "rewardModel", trained.rewardModel(), "prompts", "builtin://sentiment/prompts",
        "training", Map.of("steps", 40, "batchSize", 32, "learningRate", 5e-4, "seed", 0), "ppo", COLOCATED));
    assertThat(ppo.exitCode()).as(ppo.toString()).isZero();
    assertThat(ppo.output()).endsWith("/ppo-actor/model");
    assertThat(work.resolve("ppo-actor/value-model/model.json")).exists();

    TrainerRun eval = TrainerRun.stage(work, "eval", evalConfig(Map.of("uri", ppo.output(), "tokenizer", "builtin://words"), sft));
    assertThat(eval.exitCode()).as(eval.toString()).isZero();

    TrainerRun bestOfN = TrainerRun.stage(work, "best-of-n", Map.of(
        "policy", sft, "reference", sft, "rewardModel", trained.rewardModel(), "prompts", "builtin://sentiment/prompts",
        "n", 8, "samples", 128, "training", Map.of("steps", 1, "batchSize", 32, "learningRate", 5e-4, "seed", 0)));
    assertThat(bestOfN.exitCode()).as(bestOfN.toString()).isZero();

    Map<String, Object> bestOfNEvalConfig = new java.util.LinkedHashMap<>(evalConfig(sft, sft));
    bestOfNEvalConfig.put("bestOfN", Map.of("n", 8, "rewardModel", trained.rewardModel()));
    TrainerRun bestOfNEval = TrainerRun.stage(work.resolve("best-of-n-eval"), "eval", bestOfNEvalConfig);
    assertThat(bestOfNEval.exitCode()).as(bestOfNEval.toString()).isZero();
    System.out.println(ppo.stdout() + eval.stdout() + eval.summary() + "\n" + bestOfN.stdout() + bestOfNEval.stdout());

    for (String name : List.of("objective/kl", "objective/entropy", "objective/rlhf_reward", "objective/scores", "policy/clipfrac",
        "policy/approxkl", "loss/policy", "loss/value", "val/clipfrac", "kl_coef", "response_length")) {
      assertThat(ppo.metric(name)).as(name).isFinite();
    }
    assertThat(ppo.stdout()).contains("step 1/40 objective/kl 0.0000").contains("step 40/40");
    assertThat(eval.metric("winRate")).isGreaterThanOrEqualTo(0.65);
    assertThat(eval.metric("goldReward")).isGreaterThan(eval.metric("referenceGoldReward"));
    assertThat(eval.metric("kl")).isPositive().isFinite();

    assertThat(bestOfN.metric("bestScore")).isGreaterThan(bestOfN.metric("firstScore"));
    assertThat(bestOfN.metric("goldReward")).isGreaterThan(bestOfN.metric("firstGoldReward"));
    assertThat(bestOfN.metric("kl")).isEqualTo(Math.log(8) - 7.0 / 8);
    List<String> selected = Files.readAllLines(work.resolve("best-of-n/selected.jsonl"));
    assertThat(selected).hasSize(128);
    JsonObject row = JsonParser.parseString(selected.get(0)).getAsJsonObject();
    assertThat(row.keySet()).containsExactly("prompt", "completion", "score", "goldReward");

    assertThat(bestOfNEval.metric("winRate")).isGreaterThan(0.5);
    assertThat(bestOfNEval.metric("goldReward")).isGreaterThan(bestOfNEval.metric("referenceGoldReward"));
    assertThat(bestOfNEval.metric("kl")).isEqualTo(Math.log(8) - 7.0 / 8);
    assertThat(bestOfNEval.message()).contains("best of 8").contains("analytic best-of-n KL");
  }

  private static Map<String, Object> evalConfig(Map<String, Object> policy, Map<String, Object> reference) {
    return Map.of("policy", policy, "reference", reference, "prompts", "builtin://sentiment/prompts", "samples", 256,
        "annotator", Map.of("type", "Lexicon", "noise", 0.0), "beta", 0.1, "seed", 0);
  }
}
