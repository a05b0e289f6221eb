package dev.alignment.trainer.stage;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.alignment.trainer.BadInputException;
import dev.alignment.trainer.StageConfig;
import dev.alignment.trainer.StageResult;
import dev.alignment.trainer.data.Demonstration;
import dev.alignment.trainer.data.DemonstrationReader;
import dev.alignment.trainer.model.LanguageModel;
import dev.alignment.trainer.model.ModelReference;
import dev.alignment.trainer.model.ModelStore;
import dev.alignment.trainer.model.Scoring;
import dev.alignment.trainer.model.Sequence;
import dev.alignment.trainer.model.TokenBatch;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Supervised fine-tuning: next-token cross-entropy on completion tokens, the prompt masked out. */
final class SftStage implements Stage {
  @Override
  public StageResult run(StageContext context) throws IOException {
    StageConfig config = context.config();
    TrainingSettings settings = TrainingSettings.from(config);
    String kind = config.optString("datasetKind").orElse("demonstrations");
    String dataset = config.string("dataset");
    List<Demonstration> rows = switch (kind) {
      case "demonstrations" -> DemonstrationReader.demonstrations(dataset);
      case "preferences" -> DemonstrationReader.chosenOf(dataset);
      default -> throw config.invalid("datasetKind", "must be demonstrations or preferences, got '" + kind + "'");
    };
    if (rows.isEmpty()) {
      throw new BadInputException(dataset + ": no training rows");
    }
    try (NDManager manager = NDManager.newBaseManager()) {
      LanguageModel model = ModelStore.languageModel(ModelReference.from(config.object("model")), manager, settings.seed());
      List<Sequence> sequences = rows.stream().map(r -> Sequence.of(model.tokenizer(), r.prompt(), r.completion())).toList();
      int contextLength = model.architecture().contextLength();
      int pad = model.tokenizer().padId();
      Map<String, Double> metrics = new TrainingLoop(settings, context.outputDir(), context.progress()).run(model, manager,
          (random, m, ps) -> {
            TokenBatch batch = TokenBatch.of(Batches.sample(sequences, settings.batchSize(), random), contextLength, pad);
            return new StepOutput(loss(model, ps, batch, m), Map.of(), batch.tokenCount());
          });
      ModelStore.save(model, context.modelDir());
      return new StageResult(context.modelUri(), metrics, null, "trained " + settings.steps() + " steps on " + rows.size() + " demonstrations");
    }
  }

  /** Mean negative log-likelihood of the batch's completion tokens. */
  static NDArray loss(LanguageModel model, ParameterStore ps, TokenBatch batch, NDManager manager) {
    NDArray logProbs = Scoring.tokenLogProbs(model, ps, batch, manager, true);
    return logProbs.sum().neg().div(batch.completionMask(manager).sum());
  }
}
