package dev.alignment.trainer.stage;

import ai.djl.ndarray.NDManager;
import dev.alignment.trainer.Json;
import dev.alignment.trainer.StageConfig;
import dev.alignment.trainer.StageResult;
import dev.alignment.trainer.data.Uris;
import dev.alignment.trainer.model.LanguageModel;
import dev.alignment.trainer.model.ModelReference;
import dev.alignment.trainer.model.ModelStore;
import dev.alignment.trainer.sim.SentimentLexicon;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * {@code best-of-n}: for {@code samples} prompts (default 256), n samples each from the policy, the reward model's
 * favourite kept; writes {@code <outputDir>/selected.jsonl} and reports the best and first samples' reward-model
 * scores and gold rewards, and the analytic best-of-n KL. There is no trained model: evaluation samples best-of-n
 * itself ({@code eval} with {@code bestOfN}).
 */
final class BestOfNStage implements Stage {
  private static final int DEFAULT_SAMPLES = 256;

  @Override
  public StageResult run(StageContext context) throws IOException {
    StageConfig config = context.config();
    int n = config.positive("n");
    int samples = config.has("samples") ? config.positive("samples") : DEFAULT_SAMPLES;
    long seed = config.optObject("training").map(t -> t.longValue("seed", 0)).orElse(0L);
    List<String> prompts = EvalStage.prompts(config, samples);
    try (NDManager manager = NDManager.newBaseManager()) {
      LanguageModel policy = ModelStore.languageModel(ModelReference.from(config.object("policy")), manager, seed);
      RewardModelScorer scorer = RewardModelScorer.load(config.string("rewardModel"), manager);
      context.progress().note("sampling " + n + " completions for each of " + samples + " prompts");
      List<BestOfN.Choice> choices = BestOfN.select(policy, scorer, prompts, n, manager, new Random(seed));
      SentimentLexicon gold = new SentimentLexicon();
      double best = 0;
      double first = 0;
      double bestGold = 0;
      double firstGold = 0;
      List<String> lines = new ArrayList<>(choices.size());
      for (BestOfN.Choice c : choices) {
        double goldReward = gold.score(c.completion());
        best += c.score();
        first += c.firstScore();
        bestGold += goldReward;
        firstGold += gold.score(c.firstCompletion());
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("prompt", c.prompt());
        row.put("completion", c.completion());
        row.put("score", c.score());
        row.put("goldReward", goldReward);
        lines.add(Json.GSON.toJson(row));
      }
      Files.createDirectories(context.outputDir());
      Files.write(context.outputDir().resolve("selected.jsonl"), lines);
      Map<String, Double> metrics = new LinkedHashMap<>();
      metrics.put("bestScore", best / samples);
      metrics.put("firstScore", first / samples);
      metrics.put("goldReward", bestGold / samples);
      metrics.put("firstGoldReward", firstGold / samples);
      metrics.put("kl", BestOfN.kl(n));
      metrics.put("n", (double) n);
      metrics.put("samples", (double) samples);
      context.progress().values(metrics);
      return new StageResult(Uris.of(context.outputDir()), metrics, null, String.format(Locale.ROOT,
          "best of %d over %d prompts: reward model score %.3f (first sample %.3f), gold reward %.3f (first sample %.3f), analytic KL %.3f",
          n, samples, metrics.get("bestScore"), metrics.get("firstScore"), metrics.get("goldReward"), metrics.get("firstGoldReward"),
          metrics.get("kl")));
    }
  }
}
