package dev.alignment.trainer.training;

import dev.alignment.contract.CommandConfig;
import dev.alignment.trainer.data.Uris;
import dev.alignment.trainer.metrics.ProgressReporter;
import java.nio.file.Path;

/** What a stage runs with: its command's config record, where progress goes, and how a watchdog may end the process. */
public record StageContext<C extends CommandConfig>(C config, ProgressReporter progress, ProcessExit processExit) {
  /** The final model's directory under outputDir. */
  public static final String MODEL = "model";

  public Path outputDir() {
    return Path.of(config.header().outputDir());
  }

  /** Where a trained stage saves its final model, and the URI later stages read it from. */
  public Path modelDir() {
    return outputDir().resolve(MODEL);
  }

  public String modelUri() {
    return Uris.of(modelDir());
  }
}
