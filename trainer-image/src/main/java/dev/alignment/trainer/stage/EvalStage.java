package dev.alignment.trainer.stage;

import ai.djl.ndarray.NDManager;
import dev.alignment.contract.BestOfNBlock;
import dev.alignment.contract.EvalConfig;
import dev.alignment.contract.SummaryMetrics;
import dev.alignment.trainer.base.Json;
import dev.alignment.trainer.base.StageResult;
import dev.alignment.trainer.data.ChatRenderer;
import dev.alignment.trainer.data.DemonstrationReader;
import dev.alignment.trainer.data.Uris;
import dev.alignment.trainer.data.ValidatedDataset;
import dev.alignment.trainer.model.LanguageModel;
import dev.alignment.trainer.model.ModelReference;
import dev.alignment.trainer.store.ModelStore;
import dev.alignment.trainer.model.Sequence;
import dev.alignment.trainer.rows.PreferencePair;
import dev.alignment.trainer.sim.SentimentLexicon;
import dev.alignment.trainer.sim.SimulatedAnnotator;
import dev.alignment.trainer.training.Completions;
import dev.alignment.trainer.training.Stage;
import dev.alignment.trainer.training.StageContext;
import dev.alignment.trainer.training.Vectors;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;

/**
 * Evaluation on held-out prompts: gold reward of policy and reference samples, the policy's win rate over the
 * reference as the annotator judges (ties count half), KL(policy || reference) from policy samples, and on a preference
 * validation split the ranking accuracies and alignment gap. With {@code bestOfN} {n, rewardModel} the policy's sample
 * for a prompt is the best of n by that reward model, and the KL is best-of-n's analytic one.
 */
public final class EvalStage implements Stage<EvalConfig> {
  @Override
  public StageResult run(StageContext<EvalConfig> context) throws IOException {
    EvalConfig config = context.config();
    int samples = config.samples();
    long seed = config.seed();
    Optional<BestOfNBlock> bestOfN = Optional.ofNullable(config.bestOfN());
    int n = bestOfN.map(BestOfNBlock::n).orElse(1);
    try (NDManager manager = NDManager.newBaseManager()) {
      LanguageModel policy = ModelStore.languageModel(ModelReference.from(config.models().policy()), manager, seed);
      LanguageModel reference = ModelStore.languageModel(ModelReference.from(config.models().reference()), manager, seed);
      List<String> prompts = prompts(config.prompts(), samples, policy.tokenizer().chatRenderer());
      SimulatedAnnotator judge = Annotators.from(config.annotator(), manager);
      Random random = new Random(seed);
      context.progress().note("sampling " + samples + " completions each from policy and reference"
          + (bestOfN.isPresent() ? " (the policy's the best of " + n + ")" : ""));
      List<Sequence> policySamples;
      List<String> policyTexts;
      if (bestOfN.isPresent()) {
        List<BestOfN.Choice> choices = BestOfN.select(policy, RewardModelScorer.load(bestOfN.get().rewardModel(), manager),
            prompts, n, manager, random);
        policySamples = choices.stream().map(BestOfN.Choice::best).toList();
        policyTexts = choices.stream().map(BestOfN.Choice::completion).toList();
      } else {
        policySamples = Completions.sample(policy, prompts, manager, random);
        policyTexts = Completions.texts(policy, policySamples);
      }
      List<Sequence> referenceSamples = Completions.sample(reference, prompts, manager, random);
      List<String> referenceTexts = Completions.texts(reference, referenceSamples);

      SentimentLexicon gold = new SentimentLexicon();
      double[] policyGold = gold.score(prompts, policyTexts);
      double[] referenceGold = gold.score(prompts, referenceTexts);
      Map<String, Double> metrics = new LinkedHashMap<>();
      metrics.put(SummaryMetrics.GOLD_REWARD, Vectors.mean(policyGold));
      metrics.put(SummaryMetrics.REFERENCE_GOLD_REWARD, Vectors.mean(referenceGold));
      metrics.put(SummaryMetrics.WIN_RATE, winRate(judge, prompts, policyTexts, referenceTexts, random));
      metrics.put(SummaryMetrics.KL, bestOfN.isPresent() ? BestOfN.kl(n)
          : Vectors.mean(Vectors.difference(Completions.logProbs(policy, policySamples, manager),
              Completions.logProbs(reference, policySamples, manager))));
      if (config.preferenceDataset() != null) {
        ValidatedDataset dataset = ValidatedDataset.read(config.preferenceDataset(), policy.tokenizer().chatRenderer());
        List<PreferencePair> pairs = dataset.validation().isEmpty() ? dataset.train() : dataset.validation();
        OptionalDouble noise = config.preferenceLabelNoise() == null ? OptionalDouble.empty() : OptionalDouble.of(config.preferenceLabelNoise());
        metrics.putAll(RankingAccuracy.measure(policy, reference, pairs, config.beta(), noise, manager));
      }
      metrics.put("samples", (double) samples);
      context.progress().values(metrics);
      writeSamples(context, prompts, policyTexts, policyGold, referenceTexts, referenceGold);
      return new StageResult(Uris.of(context.outputDir()), metrics, null,
          String.format("%swin rate %.3f, gold reward %.3f vs %.3f, KL %.3f%s over %d prompts",
              bestOfN.isPresent() ? "best of " + n + ": " : "",
              metrics.get(SummaryMetrics.WIN_RATE), metrics.get(SummaryMetrics.GOLD_REWARD), metrics.get(SummaryMetrics.REFERENCE_GOLD_REWARD), metrics.get(SummaryMetrics.KL),
              bestOfN.isPresent() ? " (analytic best-of-n KL, log n - (n - 1)/n)" : "", samples));
    }
  }

  /** {@code samples} prompts from the prompts at {@code uri}, cycling through them. */
  static List<String> prompts(String uri, int samples, Optional<ChatRenderer> template) throws IOException {
    List<String> available = DemonstrationReader.prompts(uri, template);
    List<String> prompts = new ArrayList<>(samples);
    for (int i = 0; i < samples; i++) {
      prompts.add(available.get(i % available.size()));
    }
    return prompts;
  }

  private static double winRate(SimulatedAnnotator judge, List<String> prompts, List<String> policy, List<String> reference, Random random) {
    double[] policyScores = judge.scorer().score(prompts, policy);
    double[] referenceScores = judge.scorer().score(prompts, reference);
    double wins = 0;
    for (int i = 0; i < policyScores.length; i++) {
      if (policyScores[i] == referenceScores[i]) {
        wins += 0.5;
      } else if (judge.prefersFirst(policyScores[i], referenceScores[i], random)) {
        wins += 1;
      }
    }
    return wins / policyScores.length;
  }

  private static void writeSamples(StageContext<EvalConfig> context, List<String> prompts, List<String> policy, double[] policyGold,
      List<String> reference, double[] referenceGold) throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < prompts.size(); i++) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("prompt", prompts.get(i));
      row.put("policy", policy.get(i));
      row.put("policyGoldReward", policyGold[i]);
      row.put("reference", reference.get(i));
      row.put("referenceGoldReward", referenceGold[i]);
      lines.add(Json.GSON.toJson(row));
    }
    Files.createDirectories(context.outputDir());
    Files.write(context.outputDir().resolve("samples.jsonl"), lines);
  }
}
