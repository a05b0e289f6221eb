package dev.alignment.trainer.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.alignment.trainer.SentimentPipeline;
import dev.alignment.trainer.TrainerRun;
import dev.alignment.trainer.data.Uris;
import dev.alignment.trainer.sim.SentimentLexicon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quickstart on the built-in task with the tiny model: SFT, a reward model (both shared with the PPO pipeline test,
 * see {@link SentimentPipeline}; the reward model is also used as a simulated annotator), DPO and evaluation.
 */
class QuickstartPipelineTest {
  @TempDir Path work;

  @Test
  void dpoPolicyBeatsTheSftReferenceAndTheRewardModelAgreesWithTheGoldReward() throws Exception {
    SentimentPipeline.Trained trained = SentimentPipeline.trained();
    String dataset = trained.dataset();
    Map<String, Object> sftModel = trained.sftModel();
    TrainerRun sft = trained.sft();
    TrainerRun reward = trained.reward();

    TrainerRun labelled = TrainerRun.stage(work, "synthesize", Map.of(
        "policy", sftModel, "prompts", "builtin://sentiment/prompts",
        "annotator", Map.of("type", "RewardModel", "noise", 0.0, "rewardModel", reward.output()),
        "pairs", 200, "seed", 1, "output", "file://" + work.resolve("synthesize/pairs.jsonl")));
    assertThat(labelled.exitCode()).as(labelled.toString()).isZero();

    TrainerRun dpo = TrainerRun.stage(work, "dpo", Map.of(
        "policy", sftModel, "reference", sftModel, "dataset", dataset, "loss", "DPO", "beta", 0.1, "labelSmoothing", 0.0,
        "training", Map.of("steps", 200, "batchSize", 32, "learningRate", 5e-4, "seed", 0)));
    assertThat(dpo.exitCode()).as(dpo.toString()).isZero();

    TrainerRun eval = TrainerRun.stage(work, "eval", Map.of(
        "policy", Map.of("uri", dpo.output(), "tokenizer", "builtin://words"), "reference", sftModel,
        "prompts", "builtin://sentiment/prompts", "samples", 256,
        "annotator", Map.of("type", "Lexicon", "noise", 0.0), "beta", 0.1, "seed", 0,
        "preferenceDataset", dataset, "preferenceLabelNoise", 0.0));
    assertThat(eval.exitCode()).as(eval.toString()).isZero();
    System.out.println(sft.stdout() + reward.stdout() + dpo.stdout() + eval.stdout() + eval.summary());

    assertThat(reward.metric("accuracy")).isGreaterThanOrEqualTo(0.85);
    assertThat(goldAgreement(Uris.path(labelled.output(), "pairs"))).isGreaterThanOrEqualTo(0.85);
    assertThat(eval.metric("winRate")).isGreaterThanOrEqualTo(0.65);
    assertThat(eval.metric("goldReward")).isGreaterThan(eval.metric("referenceGoldReward"));
    assertThat(eval.metric("kl")).isPositive().isFinite();
    assertThat(eval.metric("rankingAccuracy")).isBetween(0.0, 1.0).isGreaterThan(eval.metric("referenceRankingAccuracy"));
    assertThat(eval.metric("idealizedRankingAccuracy")).isBetween(0.0, 1.0);
    assertThat(eval.metric("alignmentGap"))
        .isEqualTo(eval.metric("idealizedRankingAccuracy") - eval.metric("rankingAccuracy"), within(1e-9));
  }

  /** Share of pairs with different gold rewards whose label agrees with the gold reward. */
  private static double goldAgreement(Path pairs) throws Exception {
    SentimentLexicon gold = new SentimentLexicon();
    int decided = 0;
    int agreed = 0;
    for (String line : Files.readAllLines(pairs)) {
      JsonObject row = JsonParser.parseString(line).getAsJsonObject();
      double chosen = gold.score(row.get("chosen").getAsString());
      double rejected = gold.score(row.get("rejected").getAsString());
      if (chosen != rejected) {
        decided++;
        agreed += chosen > rejected ? 1 : 0;
      }
    }
    assertThat(decided).isGreaterThan(100);
    return (double) agreed / decided;
  }
}
