package dev.alignment.trainer.data;

/** What is wrong with one JSONL row; the parser adds the file and line. */
final class RowProblem extends RuntimeException {
  RowProblem(String problem) {
    super(problem, null, false, false);
  }
}
