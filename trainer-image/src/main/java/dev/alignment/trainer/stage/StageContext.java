package dev.alignment.trainer.stage;

import dev.alignment.trainer.StageConfig;
import dev.alignment.trainer.data.Uris;
import dev.alignment.trainer.metrics.ProgressReporter;
import java.nio.file.Path;

/** What a stage runs with: its config, its output directory and where progress goes. */
public record StageContext(StageConfig config, ProgressReporter progress) {
  public Path outputDir() {
    return Path.of(config.string("outputDir"));
  }

  /** Where a trained stage saves its final model, and the URI later stages read it from. */
  public Path modelDir() {
    return outputDir().resolve("model");
  }

  public String modelUri() {
    return Uris.of(modelDir());
  }
}
