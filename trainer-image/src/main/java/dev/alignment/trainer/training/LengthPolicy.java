package dev.alignment.trainer.training;

import dev.alignment.contract.Overlong;
import dev.alignment.trainer.base.BadInputException;
import dev.alignment.trainer.metrics.ProgressReporter;
import dev.alignment.trainer.model.ModelReference;
import dev.alignment.trainer.model.Sequence;
import dev.alignment.trainer.model.TransformerModel;
import java.util.List;
import java.util.function.Function;

/**
 * {@code spec.model.overlong} applied to a dataset's encoded rows before training: a row whose prompt and completion
 * exceed {@code maxLength} tokens is counted (and later cut: the end of the prompt, the start of the completion) or,
 * under {@code reject}, fails the stage naming the row. Never silent: stages report the count.
 */
public record LengthPolicy(int maxLength, Overlong overlong) {
  public static LengthPolicy of(TransformerModel model, ModelReference reference) {
    return new LengthPolicy(model.contextLength(), reference.overlong());
  }

  /** {@link #check}, with a warning when rows are truncated. */
  public <T> int apply(ProgressReporter progress, String source, List<T> rows, Function<T, List<Sequence>> sequences) {
    int overlongRows = check(source, rows, sequences);
    if (overlongRows > 0) {
      progress.warn("OverlongRows", String.format("%s: %d of %d rows are longer than maxLength %d tokens; "
          + "they are truncated (the end of the prompt and the start of the completion are kept)",
          source, overlongRows, rows.size(), maxLength));
    }
    return overlongRows;
  }

  /** The rows with a sequence longer than {@code maxLength}; {@code source} and the 1-based row name a refused one. */
  public <T> int check(String source, List<T> rows, Function<T, List<Sequence>> sequences) {
    int overlongRows = 0;
    for (int i = 0; i < rows.size(); i++) {
      int longest = sequences.apply(rows.get(i)).stream()
          .mapToInt(s -> s.prompt().length + s.completion().length).max().orElse(0);
      if (longest > maxLength) {
        if (overlong == Overlong.reject) {
          throw new BadInputException(source + ": row " + (i + 1) + ": prompt and completion are " + longest
              + " tokens, more than maxLength " + maxLength + " (spec.model.overlong is reject; truncate cuts such rows)");
        }
        overlongRows++;
      }
    }
    return overlongRows;
  }
}
