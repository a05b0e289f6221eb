package dev.alignment.trainer.stage;

import java.util.LinkedHashMap;
import dev.alignment.contract.SummaryMetrics;
import dev.alignment.trainer.training.LengthPolicy;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.alignment.contract.Defaults;
import dev.alignment.contract.DpoConfig;
import dev.alignment.trainer.base.StageResult;
import dev.alignment.trainer.data.ValidatedDataset;
import dev.alignment.trainer.model.LanguageModel;
import dev.alignment.trainer.model.ModelReference;
import dev.alignment.trainer.store.LoraTraining;
import dev.alignment.trainer.store.ModelStore;
import dev.alignment.trainer.model.Scoring;
import dev.alignment.trainer.model.TokenBatch;
import dev.alignment.trainer.training.Batches;
import dev.alignment.trainer.training.Completions;
import dev.alignment.trainer.training.Stage;
import dev.alignment.trainer.training.StageContext;
import dev.alignment.trainer.training.StepOutput;
import dev.alignment.trainer.training.TrainingLoop;
import dev.alignment.trainer.training.TrainingSettings;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * DPO, IPO and cDPO. The frozen reference's log-probabilities of every training pair are computed once up front and
 * the reference is released before training, so only the policy stays in memory.
 */
public final class DpoStage implements Stage<DpoConfig> {
  @Override
  public StageResult run(StageContext<DpoConfig> context) throws IOException {
    DpoConfig config = context.config();
    TrainingSettings settings = TrainingSettings.from(config.training(), config.header().checkpointEvery());
    PreferenceLoss loss = PreferenceLoss.valueOf(config.loss().name());
    double beta = config.beta();
    double labelSmoothing = Objects.requireNonNullElse(config.labelSmoothing(), Defaults.LABEL_SMOOTHING);
    try (NDManager manager = NDManager.newBaseManager()) {
      ModelReference policyReference = ModelReference.from(config.models().policy());
      LanguageModel policy = ModelStore.languageModel(policyReference, manager, settings.seed());
      ValidatedDataset dataset = ValidatedDataset.readForTraining(config.dataset(), policy.tokenizer().chatRenderer());
      ModelReference referenceModel = ModelReference.from(config.models().reference());
      // A LoRA run's reference is the policy's base: its log-probs are taken before the adapters exist, no second copy.
      double[][] reference = settings.lora().isPresent() && referenceModel.uri().equals(policyReference.uri())
          ? referenceLogProbs(policy, dataset, manager)
          : referenceLogProbs(referenceModel, dataset, manager, settings.seed());
      LoraTraining.attach(policy, settings.lora(), policyReference.uri(), settings.seed());
      List<PairEncoding> pairs = PairEncoding.of(dataset.train(), policy.tokenizer());
      int overlong = LengthPolicy.of(policy, policyReference).apply(context.progress(), config.dataset(), pairs, PairEncoding::both);
      List<Integer> indices = IntStream.range(0, pairs.size()).boxed().toList();
      PreferenceObjective objective = new PreferenceObjective(loss, beta, labelSmoothing);
      context.progress().note(String.format("%s with beta %.3f on %d pairs", loss, beta, pairs.size()));
      Map<String, Double> metrics = new LinkedHashMap<>(new TrainingLoop(settings, context.outputDir(), context.progress())
          .run(policy, manager, (random, m, ps) -> {
            List<Integer> picked = Batches.sample(indices, settings.batchSize(), random);
            TokenBatch batch = PairEncoding.batch(picked.stream().map(pairs::get).toList(),
                policy.contextLength(), policy.tokenizer().padId());
            return step(policy, ps, batch, m, objective,
                m.create(gather(reference[0], picked)), m.create(gather(reference[1], picked)));
          }));
      metrics.put(SummaryMetrics.OVERLONG_ROWS, (double) overlong);
      ModelStore.save(policy, context.modelDir());
      return new StageResult(context.modelUri(), metrics, null,
          String.format("%s trained %d steps, beta %.3f, on %d pairs", loss, settings.steps(), beta, pairs.size()));
    }
  }

  /** One step's loss and metrics: the batch holds the chosen completions, then the rejected ones in the same order. */
  static StepOutput step(LanguageModel policy, ParameterStore ps, TokenBatch batch, NDManager manager,
      PreferenceObjective objective, NDArray referenceChosen, NDArray referenceRejected) {
    NDArray logProbs = Scoring.sequenceLogProbs(policy, ps, batch, manager, true);
    int half = batch.size() / 2;
    return objective.evaluate(logProbs.get("0:" + half), logProbs.get(half + ":"), referenceChosen, referenceRejected,
        batch.tokenCount());
  }

  /**
   * log pi_ref(y_w | x) and log pi_ref(y_l | x) of every training pair: [chosen[], rejected[]]. A built-in reference is
   * created with the policy's seed, so the two start equal.
   */
  private static double[][] referenceLogProbs(ModelReference ref, ValidatedDataset dataset, NDManager parent, long seed)
      throws IOException {
    try (NDManager manager = parent.newSubManager()) {
      return referenceLogProbs(ModelStore.languageModel(ref, manager, seed), dataset, manager);
    }
  }

  private static double[][] referenceLogProbs(LanguageModel reference, ValidatedDataset dataset, NDManager manager) {
    List<PairEncoding> pairs = PairEncoding.of(dataset.train(), reference.tokenizer());
    return new double[][] {
        Completions.logProbs(reference, pairs.stream().map(PairEncoding::chosen).toList(), manager),
        Completions.logProbs(reference, pairs.stream().map(PairEncoding::rejected).toList(), manager)};
  }

  private static float[] gather(double[] values, List<Integer> indices) {
    float[] out = new float[indices.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) values[indices.get(i)];
    }
    return out;
  }
}
