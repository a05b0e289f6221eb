package dev.alignment.trainer.stage;

import dev.alignment.contract.Defaults;
import dev.alignment.contract.SummaryMetrics;
import dev.alignment.contract.ValidateDatasetConfig;
import dev.alignment.trainer.base.BadInputException;
import dev.alignment.trainer.base.StageResult;
import dev.alignment.trainer.data.DatasetSource;
import dev.alignment.trainer.data.DatasetSplit;
import dev.alignment.trainer.data.PreferenceReader;
import dev.alignment.trainer.data.SourceLines;
import dev.alignment.trainer.data.Uris;
import dev.alignment.trainer.data.ValidatedDatasetWriter;
import dev.alignment.trainer.model.AtomicDirectory;
import dev.alignment.trainer.training.Stage;
import dev.alignment.trainer.training.StageContext;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Checks a preference dataset, standard or conversational, and writes it normalized, streaming it: every malformed line
 * fails the stage (exit 2) with its line number and problem; exact duplicates and ties (chosen equals rejected) are
 * skipped and counted; the rest is split into train.jsonl and validation.jsonl by a seeded content hash, with a sha256
 * digest of both. Token lengths are left to the training stages, which know the tokenizer.
 */
public final class ValidateDatasetStage implements Stage<ValidateDatasetConfig> {
  @Override
  public StageResult run(StageContext<ValidateDatasetConfig> context) throws IOException {
    ValidateDatasetConfig config = context.config();
    DatasetSplit split = new DatasetSplit(config.validationFraction(), Objects.requireNonNullElse(config.seed(), Defaults.SEED));
    AtomicReference<ValidatedDatasetWriter.Summary> written = new AtomicReference<>();
    try (SourceLines source = DatasetSource.open(config.source())) {
      AtomicDirectory.write(context.outputDir(), dir -> {
        try (ValidatedDatasetWriter writer = new ValidatedDatasetWriter(dir, split)) {
          PreferenceReader.read(source, config.fields(), writer::add);
          written.set(writer.finish());
        }
        if (written.get().trainPairs() == 0) {
          throw new BadInputException(source.name() + ": no usable preference pairs in " + written.get().rows() + " rows");
        }
      });
    }
    ValidatedDatasetWriter.Summary summary = written.get();
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("rows", (double) summary.rows());
    metrics.put(SummaryMetrics.TRAIN_PAIRS, (double) summary.trainPairs());
    metrics.put(SummaryMetrics.VALIDATION_PAIRS, (double) summary.validationPairs());
    metrics.put(SummaryMetrics.SKIPPED_ROWS, (double) (summary.duplicates() + summary.ties()));
    metrics.put("duplicates", (double) summary.duplicates());
    metrics.put("ties", (double) summary.ties());
    metrics.put("conversationalRows", (double) summary.conversationalRows());
    context.progress().values(metrics);
    return new StageResult(Uris.of(context.outputDir()), metrics, summary.digest(), String.format(
        "%d rows: %d train, %d validation, %d skipped (%d duplicates, %d ties); format: %s",
        summary.rows(), summary.trainPairs(), summary.validationPairs(), summary.duplicates() + summary.ties(), summary.duplicates(),
        summary.ties(), summary.format()));
  }
}
