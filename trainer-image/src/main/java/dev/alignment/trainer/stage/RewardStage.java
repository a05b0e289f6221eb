package dev.alignment.trainer.stage;

import dev.alignment.trainer.training.LengthPolicy;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import dev.alignment.contract.RewardConfig;
import dev.alignment.contract.SummaryMetrics;
import dev.alignment.trainer.base.StageResult;
import dev.alignment.trainer.data.ValidatedDataset;
import dev.alignment.trainer.model.ModelReference;
import dev.alignment.trainer.store.LoraTraining;
import dev.alignment.trainer.store.ModelStore;
import dev.alignment.trainer.model.ScalarModel;
import dev.alignment.trainer.model.Scoring;
import dev.alignment.trainer.model.TokenBatch;
import dev.alignment.trainer.training.Batches;
import dev.alignment.trainer.training.Stage;
import dev.alignment.trainer.training.StageContext;
import dev.alignment.trainer.training.StepOutput;
import dev.alignment.trainer.training.TrainingLoop;
import dev.alignment.trainer.training.TrainingSettings;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Bradley-Terry reward model: minimises -log sigma(r(x, y_w) - r(x, y_l)); reports accuracy and loss on the validation split. */
public final class RewardStage implements Stage<RewardConfig> {
  private static final int EVAL_CHUNK = 64;

  @Override
  public StageResult run(StageContext<RewardConfig> context) throws IOException {
    RewardConfig config = context.config();
    TrainingSettings settings = TrainingSettings.from(config.training(), config.header().checkpointEvery());
    try (NDManager manager = NDManager.newBaseManager()) {
      ModelReference reference = ModelReference.from(config.model());
      ScalarModel model = ModelStore.scalarModel(reference, manager, settings.seed());
      LoraTraining.attach(model, settings.lora(), reference.uri(), settings.seed());
      ValidatedDataset dataset = ValidatedDataset.readForTraining(config.dataset(), model.tokenizer().chatRenderer());
      List<PairEncoding> train = PairEncoding.of(dataset.train(), model.tokenizer());
      int overlong = LengthPolicy.of(model, reference).apply(context.progress(), config.dataset(), train, PairEncoding::both);
      Map<String, Double> metrics = new LinkedHashMap<>(new TrainingLoop(settings, context.outputDir(), context.progress())
          .run(model, manager, (random, m, ps) -> {
            TokenBatch batch = PairEncoding.batch(Batches.sample(train, settings.batchSize(), random), contextLength(model), model.tokenizer().padId());
            NDList margins = margins(model, ps, batch, m, true);
            return new StepOutput(margins.get(0), Map.of(SummaryMetrics.ACCURACY, margins.get(1)), batch.tokenCount());
          }));
      List<PairEncoding> validation = PairEncoding.of(dataset.validation(), model.tokenizer());
      metrics.putAll(validate(model, validation.isEmpty() ? train : validation, manager));
      metrics.put(SummaryMetrics.OVERLONG_ROWS, (double) overlong);
      context.progress().values(metrics);
      ModelStore.save(model, context.modelDir());
      String message = String.format("trained %d steps; validation accuracy %.3f on %d pairs%s", settings.steps(),
          metrics.get(SummaryMetrics.ACCURACY), validation.isEmpty() ? train.size() : validation.size(),
          validation.isEmpty() ? " (no validation split: measured on the training pairs)" : "");
      return new StageResult(context.modelUri(), metrics, null, message);
    }
  }

  /** Mean Bradley-Terry loss and accuracy (r_w > r_l) of a (2B) batch of chosen-then-rejected sequences. */
  private static NDList margins(ScalarModel model, ParameterStore ps, TokenBatch batch, NDManager manager, boolean training) {
    NDArray rewards = Scoring.rewards(model, ps, batch, manager, training);
    int half = batch.size() / 2;
    NDArray margin = rewards.get("0:" + half).sub(rewards.get(half + ":"));
    return new NDList(PreferenceLoss.negativeLogSigmoid(margin).mean(), margin.gt(0).toType(DataType.FLOAT32, false).mean());
  }

  private static Map<String, Double> validate(ScalarModel model, List<PairEncoding> pairs, NDManager manager) {
    double loss = 0;
    double accuracy = 0;
    ParameterStore ps = new ParameterStore(manager, false);
    for (List<PairEncoding> chunk : Batches.chunks(pairs, EVAL_CHUNK)) {
      try (NDManager m = manager.newSubManager()) {
        NDList result = margins(model, ps, PairEncoding.batch(chunk, contextLength(model), model.tokenizer().padId()), m, false);
        loss += result.get(0).getFloat() * chunk.size();
        accuracy += result.get(1).getFloat() * chunk.size();
      }
    }
    return Map.of(SummaryMetrics.ACCURACY, accuracy / pairs.size(), SummaryMetrics.VALIDATION_LOSS, loss / pairs.size());
  }

  private static int contextLength(ScalarModel model) {
    return model.contextLength();
  }
}
