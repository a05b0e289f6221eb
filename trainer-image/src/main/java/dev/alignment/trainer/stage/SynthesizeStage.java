package dev.alignment.trainer.stage;

import ai.djl.ndarray.NDManager;
import dev.alignment.contract.SynthesizeConfig;
import dev.alignment.trainer.base.Json;
import dev.alignment.trainer.base.StageResult;
import dev.alignment.trainer.data.DemonstrationReader;
import dev.alignment.trainer.data.Uris;
import dev.alignment.trainer.model.LanguageModel;
import dev.alignment.trainer.model.ModelReference;
import dev.alignment.trainer.store.ModelStore;
import dev.alignment.trainer.rows.PreferencePair;
import dev.alignment.trainer.sim.SentimentLexicon;
import dev.alignment.trainer.sim.SimulatedAnnotator;
import dev.alignment.trainer.training.Completions;
import dev.alignment.trainer.training.Stage;
import dev.alignment.trainer.training.StageContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Simulated annotation: two sampled completions per prompt, labelled by the annotator (gold lexicon or a reward model)
 * with label noise, written as preference JSON Lines. Pairs with an empty completion are redrawn.
 */
public final class SynthesizeStage implements Stage<SynthesizeConfig> {
  private static final int MAX_ROUNDS = 10;

  @Override
  public StageResult run(StageContext<SynthesizeConfig> context) throws IOException {
    SynthesizeConfig config = context.config();
    int wanted = config.pairs();
    long seed = config.seed();
    Path output = Uris.path(config.output(), "output");
    try (NDManager manager = NDManager.newBaseManager()) {
      LanguageModel policy = ModelStore.languageModel(ModelReference.from(config.policy()), manager, seed);
      List<String> prompts = DemonstrationReader.prompts(config.prompts(), policy.tokenizer().chatRenderer());
      SimulatedAnnotator annotator = Annotators.from(config.annotator(), manager);
      Random random = new Random(seed);
      SentimentLexicon gold = new SentimentLexicon();
      List<PreferencePair> pairs = new ArrayList<>(wanted);
      double goldTotal = 0;
      int identical = 0;
      for (int round = 0; round < MAX_ROUNDS && pairs.size() < wanted; round++) {
        List<String> batch = new ArrayList<>();
        for (int i = pairs.size(); i < wanted; i++) {
          batch.add(prompts.get(i % prompts.size()));
        }
        List<String> first = Completions.texts(policy, Completions.sample(policy, batch, manager, random));
        List<String> second = Completions.texts(policy, Completions.sample(policy, batch, manager, random));
        double[] firstScores = annotator.scorer().score(batch, first);
        double[] secondScores = annotator.scorer().score(batch, second);
        for (int i = 0; i < batch.size(); i++) {
          if (first.get(i).isBlank() || second.get(i).isBlank()) {
            continue;
          }
          boolean firstWins = annotator.prefersFirst(firstScores[i], secondScores[i], random);
          pairs.add(new PreferencePair(batch.get(i), firstWins ? first.get(i) : second.get(i), firstWins ? second.get(i) : first.get(i)));
          goldTotal += gold.score(first.get(i)) + gold.score(second.get(i));
          identical += first.get(i).equals(second.get(i)) ? 1 : 0;
        }
        context.progress().note("synthesized " + pairs.size() + "/" + wanted + " pairs");
      }
      if (pairs.size() < wanted) {
        throw new IllegalStateException("the policy kept producing empty completions: " + pairs.size() + " of " + wanted + " pairs");
      }
      writeAtomically(output, pairs);
      Map<String, Double> metrics = Map.of("pairs", (double) pairs.size(), "identicalPairs", (double) identical,
          "goldReward", goldTotal / (2.0 * pairs.size()));
      context.progress().values(metrics);
      return new StageResult(Uris.of(output), metrics, null, "synthesized " + pairs.size() + " preference pairs");
    }
  }

  private static void writeAtomically(Path output, List<PreferencePair> pairs) throws IOException {
    Files.createDirectories(output.toAbsolutePath().getParent());
    Path temp = Files.createTempFile(output.toAbsolutePath().getParent(), ".tmp-", ".jsonl");
    Files.write(temp, pairs.stream().map(Json.GSON::toJson).toList());
    Files.move(temp, output, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
