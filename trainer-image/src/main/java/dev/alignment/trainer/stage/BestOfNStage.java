package dev.alignment.trainer.stage;

import ai.djl.ndarray.NDManager;
import dev.alignment.contract.BestOfNConfig;
import dev.alignment.contract.Defaults;
import dev.alignment.contract.SummaryMetrics;
import dev.alignment.trainer.base.Json;
import dev.alignment.trainer.base.StageResult;
import dev.alignment.trainer.data.Uris;
import dev.alignment.trainer.model.LanguageModel;
import dev.alignment.trainer.model.ModelReference;
import dev.alignment.trainer.store.ModelStore;
import dev.alignment.trainer.sim.SentimentLexicon;
import dev.alignment.trainer.training.Stage;
import dev.alignment.trainer.training.StageContext;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * {@code best-of-n}: for {@code samples} prompts, n samples each from the policy, the reward model's
 * favourite kept; writes {@code <outputDir>/selected.jsonl} and reports the best and first samples' reward-model
 * scores and gold rewards, and the analytic best-of-n KL. There is no trained model: evaluation samples best-of-n
 * itself ({@code eval} with {@code bestOfN}).
 */
public final class BestOfNStage implements Stage<BestOfNConfig> {
  @Override
  public StageResult run(StageContext<BestOfNConfig> context) throws IOException {
    BestOfNConfig config = context.config();
    int n = config.n();
    int samples = Objects.requireNonNullElse(config.samples(), Defaults.BEST_OF_N_SAMPLES);
    long seed = config.training().seed();
    try (NDManager manager = NDManager.newBaseManager()) {
      LanguageModel policy = ModelStore.languageModel(ModelReference.from(config.inputs().models().policy()), manager, seed);
      List<String> prompts = EvalStage.prompts(config.inputs().prompts(), samples, policy.tokenizer().chatRenderer());
      RewardModelScorer scorer = RewardModelScorer.load(config.inputs().rewardModel(), manager);
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
      metrics.put(SummaryMetrics.GOLD_REWARD, bestGold / samples);
      metrics.put("firstGoldReward", firstGold / samples);
      metrics.put(SummaryMetrics.KL, BestOfN.kl(n));
      metrics.put("n", (double) n);
      metrics.put("samples", (double) samples);
      context.progress().values(metrics);
      return new StageResult(Uris.of(context.outputDir()), metrics, null, String.format(Locale.ROOT,
          "best of %d over %d prompts: reward model score %.3f (first sample %.3f), gold reward %.3f (first sample %.3f), analytic KL %.3f",
          n, samples, metrics.get("bestScore"), metrics.get("firstScore"), metrics.get(SummaryMetrics.GOLD_REWARD), metrics.get("firstGoldReward"),
          metrics.get(SummaryMetrics.KL)));
    }
  }
}
