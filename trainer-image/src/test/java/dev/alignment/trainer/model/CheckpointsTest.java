package dev.alignment.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import dev.alignment.trainer.data.Tokenizers;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints are written atomically, the newest complete one is restored, half-written ones are ignored. */
class CheckpointsTest {
  @TempDir Path dir;

  @Test
  void restoresTheNewestCompleteCheckpointAndIgnoresTemporaryOnes() throws Exception {
    try (NDManager manager = NDManager.newBaseManager()) {
      TransformerModel saved = TestModels.fresh(ModelKind.LANGUAGE, Architecture.TINY, Tokenizers.load(null), manager, 1);
      AdamOptimizer optimizer = new AdamOptimizer(saved, 1e-3f, 1.0);
      Checkpoints checkpoints = new Checkpoints(dir);
      checkpoints.save(10, saved, optimizer);
      checkpoints.save(20, saved, optimizer);
      checkpoints.save(30, saved, optimizer);
      // What a crash during a save leaves behind: a temporary directory with a partial file.
      Path partial = Files.createDirectories(dir.resolve(".tmp-step-00000040-123"));
      Files.writeString(partial.resolve("model.params"), "partial");

      assertThat(checkpoints.complete()).extracting(Checkpoints::step).containsExactly(20, 30);

      TransformerModel restored = TestModels.fresh(ModelKind.LANGUAGE, Architecture.TINY, Tokenizers.load(null), manager, 2);
      float[] before = lastParameter(restored).toFloatArray();
      float[] expected = lastParameter(saved).toFloatArray();
      assertThat(before).isNotEqualTo(expected);

      assertThat(checkpoints.restoreNewest(restored, new AdamOptimizer(restored, 1e-3f, 1.0), manager).map(Checkpoints.Restored::step))
          .contains(30);
      assertThat(lastParameter(restored).toFloatArray()).isEqualTo(expected);
      assertThat(partial).doesNotExist();
    }
  }

  @Test
  void withoutCheckpointsThereIsNothingToRestore() throws Exception {
    try (NDManager manager = NDManager.newBaseManager()) {
      TransformerModel model = TestModels.fresh(ModelKind.LANGUAGE, Architecture.TINY, Tokenizers.load(null), manager, 1);
      assertThat(new Checkpoints(dir.resolve("none")).restoreNewest(model, new AdamOptimizer(model, 1e-3f, 1.0), manager)).isEmpty();
    }
  }

  private static ai.djl.ndarray.NDArray lastParameter(TransformerModel model) {
    var parameters = model.getParameters();
    return parameters.get(parameters.size() - 1).getValue().getArray();
  }
}
