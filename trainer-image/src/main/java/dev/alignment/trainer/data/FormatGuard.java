package dev.alignment.trainer.data;

import dev.alignment.trainer.base.BadInputException;

/** Refuses a dataset that mixes standard and conversational rows, naming the first line that differs from the first row. */
final class FormatGuard {
  private final SourceLines source;
  private DatasetFormat first;
  private long firstLine;

  FormatGuard(SourceLines source) {
    this.source = source;
  }

  /** {@code row}, after checking that its format, on the line just read, is the first row's. */
  <T> T check(DatasetFormat format, T row) {
    if (first == null) {
      first = format;
      firstLine = source.number();
    } else if (format != first) {
      throw new BadInputException(source.name() + ": line " + source.number() + " is " + describe(format) + " but line "
          + firstLine + " is " + describe(first) + ": a dataset is in one format, as TRL's are");
    }
    return row;
  }

  private static String describe(DatasetFormat format) {
    return format + (format == DatasetFormat.STANDARD ? " (strings)" : " (lists of messages)");
  }
}
