package dev.alignment.trainer.data;

import dev.alignment.trainer.base.BadInputException;
import dev.alignment.trainer.base.Excerpt;
import java.util.ArrayList;
import java.util.List;

/** Collects malformed lines of one file and fails with all of them (up to a limit) in one message. */
final class DatasetProblems {
  static final int LIMIT = 20;
  /** A problem's own text plus a quote of {@link Excerpt#QUOTE} characters. */
  static final int PROBLEM_CHARACTERS = 2 * Excerpt.QUOTE;

  private final String file;
  private final List<String> listed = new ArrayList<>();
  private int count;

  DatasetProblems(String file) {
    this.file = file;
  }

  /** {@code problem} may quote the line; only its start is kept. */
  void add(long line, String problem) {
    count++;
    if (listed.size() < LIMIT) {
      listed.add("line " + line + ": " + Excerpt.of(problem, PROBLEM_CHARACTERS));
    }
  }

  void throwIfAny() {
    if (count == 0) {
      return;
    }
    String more = count > listed.size() ? "; and " + (count - listed.size()) + " more" : "";
    throw new BadInputException(file + ": " + count + (count == 1 ? " malformed line: " : " malformed lines: ")
        + String.join("; ", listed) + more);
  }
}
