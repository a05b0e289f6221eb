package dev.alignment.trainer.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.alignment.trainer.metrics.ProgressReporter;
import dev.alignment.trainer.metrics.RecentValues;
import dev.alignment.trainer.model.AdamOptimizer;
import dev.alignment.trainer.model.Checkpoints;
import dev.alignment.trainer.model.GradientScope;
import dev.alignment.trainer.model.TransformerModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Runs an objective for the configured steps with Adam: resumes from the newest checkpoint, checkpoints every
 * {@code checkpointEvery} steps, reports progress. Each step draws its batch from a generator seeded by (seed, step),
 * so a resumed run sees the same data as an uninterrupted one.
 */
public final class TrainingLoop {
  private final TrainingSettings settings;
  private final Checkpoints checkpoints;
  private final ProgressReporter progress;

  public TrainingLoop(TrainingSettings settings, Path outputDir, ProgressReporter progress) {
    this.settings = settings;
    this.checkpoints = new Checkpoints(outputDir.resolve("checkpoints"));
    this.progress = progress;
  }

  /** The computation of one step's loss from a batch drawn with {@code random}. */
  public interface Objective {
    StepOutput compute(Random random, NDManager manager, ParameterStore parameters);
  }

  /** Trains {@code model} to the last step; returns the mean of each metric over the last few steps. */
  public Map<String, Double> run(TransformerModel model, NDManager manager, Objective objective) throws IOException {
    AdamOptimizer optimizer = new AdamOptimizer(model, settings.learningRate(), settings.maxGradNorm());
    int done = checkpoints.restoreNewest(model, optimizer, manager).map(Checkpoints.Restored::step).orElse(0);
    if (done > 0) {
      progress.note("resumed from checkpoint at step " + done);
    }
    model.trackGradients();
    progress.begin(done + 1, settings.steps());
    RecentValues recent = new RecentValues();
    ParameterStore parameters = new ParameterStore(manager, false);
    for (int step = done + 1; step <= settings.steps(); step++) {
      Map<String, Double> values = new LinkedHashMap<>();
      long tokens;
      try (NDManager stepManager = manager.newSubManager();
           GradientScope gradients = GradientScope.open()) {
        StepOutput out = objective.compute(new Random(settings.stepSeed(step)), stepManager, parameters);
        gradients.backward(out.loss());
        values.put("loss", (double) out.loss().getFloat());
        for (Map.Entry<String, NDArray> e : out.metrics().entrySet()) {
          values.put(e.getKey(), (double) e.getValue().getFloat());
        }
        tokens = out.tokens();
      }
      values.put("gradNorm", optimizer.step());
      progress.step(step, settings.steps(), values, tokens);
      recent.add(values);
      if (step % settings.checkpointEvery() == 0 && step < settings.steps()) {
        checkpoints.save(step, model, optimizer);
      }
    }
    return recent.means();
  }
}
