package dev.alignment.operator.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alignment.api.v1alpha1.MatrixParameter;
import dev.alignment.api.v1alpha1.SweepMatrix;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** Expands a matrix into its cells: the full grid (the last parameter varies fastest) or a seeded sample of it. */
public final class MatrixCells {
  private MatrixCells() {}

  public static List<Cell> of(SweepMatrix matrix) {
    List<MatrixParameter> parameters = matrix.parameters;
    long gridSize = 1;
    for (MatrixParameter p : parameters) {
      gridSize = Math.multiplyExact(gridSize, p.values.size());
    }
    if (matrix.strategy != SweepMatrix.Strategy.Random) {
      List<Cell> cells = new ArrayList<>();
      for (long i = 0; i < gridSize; i++) {
        cells.add(cell(cells.size(), i, parameters));
      }
      return cells;
    }
    if (matrix.samples > gridSize) {
      throw new InvalidSweepException("spec.matrix.samples is " + matrix.samples + " but the grid has only " + gridSize
          + " cells: lower samples or add values");
    }
    Random random = new Random(matrix.seed == null ? 0L : matrix.seed);
    Set<Long> drawn = new LinkedHashSet<>();
    while (drawn.size() < matrix.samples) {
      drawn.add(Math.floorMod(random.nextLong(), gridSize));
    }
    List<Cell> cells = new ArrayList<>();
    for (long gridIndex : drawn) {
      cells.add(cell(cells.size(), gridIndex, parameters));
    }
    return cells;
  }

  private static Cell cell(int index, long gridIndex, List<MatrixParameter> parameters) {
    Cell.Assignment[] assignments = new Cell.Assignment[parameters.size()];
    long rest = gridIndex;
    for (int p = parameters.size() - 1; p >= 0; p--) {
      List<JsonNode> options = parameters.get(p).values;
      assignments[p] = Cell.Assignment.of(parameters.get(p), options.get((int) (rest % options.size())));
      rest /= options.size();
    }
    return new Cell(index, List.of(assignments));
  }
}
