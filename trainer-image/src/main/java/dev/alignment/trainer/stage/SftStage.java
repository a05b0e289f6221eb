package dev.alignment.trainer.stage;

import java.util.Optional;
import dev.alignment.trainer.data.ChatRenderer;
import java.util.LinkedHashMap;
import dev.alignment.contract.SummaryMetrics;
import dev.alignment.trainer.training.LengthPolicy;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.alignment.contract.SftConfig;
import dev.alignment.trainer.base.BadInputException;
import dev.alignment.trainer.base.StageResult;
import dev.alignment.trainer.data.DemonstrationReader;
import dev.alignment.trainer.model.LanguageModel;
import dev.alignment.trainer.model.ModelReference;
import dev.alignment.trainer.store.LoraTraining;
import dev.alignment.trainer.store.ModelStore;
import dev.alignment.trainer.model.Scoring;
import dev.alignment.trainer.model.Sequence;
import dev.alignment.trainer.model.TokenBatch;
import dev.alignment.trainer.rows.Demonstration;
import dev.alignment.trainer.training.Batches;
import dev.alignment.trainer.training.Stage;
import dev.alignment.trainer.training.StageContext;
import dev.alignment.trainer.training.StepOutput;
import dev.alignment.trainer.training.TrainingLoop;
import dev.alignment.trainer.training.TrainingSettings;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Supervised fine-tuning: next-token cross-entropy on completion tokens, the prompt masked out. */
public final class SftStage implements Stage<SftConfig> {
  @Override
  public StageResult run(StageContext<SftConfig> context) throws IOException {
    SftConfig config = context.config();
    TrainingSettings settings = TrainingSettings.from(config.training(), config.header().checkpointEvery());
    String dataset = config.dataset();
    try (NDManager manager = NDManager.newBaseManager()) {
      ModelReference reference = ModelReference.from(config.model());
      LanguageModel model = ModelStore.languageModel(reference, manager, settings.seed());
      LoraTraining.attach(model, settings.lora(), reference.uri(), settings.seed());
      Optional<ChatRenderer> template = model.tokenizer().chatRenderer();
      List<Demonstration> rows = switch (config.datasetKind()) {
        case demonstrations -> DemonstrationReader.demonstrations(dataset, template);
        case preferences -> DemonstrationReader.chosenOf(dataset, template);
      };
      if (rows.isEmpty()) {
        throw new BadInputException(dataset + ": no training rows");
      }
      List<Sequence> sequences = rows.stream().map(r -> Sequence.of(model.tokenizer(), r.prompt(), r.completion())).toList();
      int overlong = LengthPolicy.of(model, reference).apply(context.progress(), dataset, sequences, List::of);
      int contextLength = model.contextLength();
      int pad = model.tokenizer().padId();
      Map<String, Double> metrics = new LinkedHashMap<>(new TrainingLoop(settings, context.outputDir(), context.progress())
          .run(model, manager, (random, m, ps) -> {
            TokenBatch batch = TokenBatch.of(Batches.sample(sequences, settings.batchSize(), random), contextLength, pad);
            return new StepOutput(loss(model, ps, batch, m), Map.of(), batch.tokenCount());
          }));
      metrics.put(SummaryMetrics.OVERLONG_ROWS, (double) overlong);
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
