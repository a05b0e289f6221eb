package dev.alignment.operator.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alignment.api.v1alpha1.MatrixParameter;
import dev.alignment.api.v1alpha1.SweepMatrix;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A matrix's cells, each made on demand from its index: the full grid (the last parameter varies fastest) or a
 * seeded sample of it. Counting them never enumerates them.
 */
public final class MatrixCells {
  private final List<MatrixParameter> parameters;
  /** The grid index of each sampled cell; null for the full grid, where a cell's index is its grid index. */
  private final long[] sampled;
  private final int size;

  private MatrixCells(List<MatrixParameter> parameters, long[] sampled, int size) {
    this.parameters = List.copyOf(parameters);
    this.sampled = sampled;
    this.size = size;
  }

  /** How many cells the matrix makes: the grid's size (exact, however large), or the samples drawn from it. */
  public static BigInteger count(SweepMatrix matrix) {
    return matrix.strategy == SweepMatrix.Strategy.Random ? BigInteger.valueOf(matrix.samples) : gridSize(matrix);
  }

  /** The cells of a matrix, if it has at most {@code maxCells} and no parameter repeats a value. */
  public static MatrixCells of(SweepMatrix matrix, int maxCells) {
    BigInteger count = count(matrix);
    if (count.compareTo(BigInteger.valueOf(maxCells)) > 0) {
      String made = matrix.strategy == SweepMatrix.Strategy.Random ? "spec.matrix.samples is " + count
          : "spec.matrix makes " + count + " cells (" + String.join(" x ",
              matrix.parameters.stream().map(p -> String.valueOf(p.values.size())).toList()) + " values)";
      throw new InvalidSweepException(made + ", over this operator's cap of " + maxCells + " cells per sweep "
          + "(setting sweepMaxCells): use fewer values, or strategy Random with fewer samples");
    }
    distinctValues(matrix.parameters);
    if (matrix.strategy != SweepMatrix.Strategy.Random) {
      return new MatrixCells(matrix.parameters, null, count.intValueExact());
    }
    BigInteger grid = gridSize(matrix);
    if (count.compareTo(grid) > 0) {
      throw new InvalidSweepException("spec.matrix.samples is " + matrix.samples + " but the grid has only " + grid
          + " cells: lower samples or add values");
    }
    Random random = new Random(matrix.seed == null ? 0L : matrix.seed);
    Set<Long> drawn = new LinkedHashSet<>();
    while (drawn.size() < matrix.samples) {
      // The schema's 8 parameters of 64 values keep the grid under 2^48, so it fits a long.
      drawn.add(Math.floorMod(random.nextLong(), grid.longValueExact()));
    }
    return new MatrixCells(matrix.parameters, drawn.stream().mapToLong(Long::longValue).toArray(), matrix.samples);
  }

  public int size() {
    return size;
  }

  public Cell cell(int index) {
    long rest = sampled == null ? index : sampled[index];
    Cell.Assignment[] assignments = new Cell.Assignment[parameters.size()];
    for (int p = parameters.size() - 1; p >= 0; p--) {
      List<JsonNode> options = parameters.get(p).values;
      assignments[p] = Cell.Assignment.of(parameters.get(p), options.get((int) (rest % options.size())));
      rest /= options.size();
    }
    return new Cell(index, List.of(assignments));
  }

  private static BigInteger gridSize(SweepMatrix matrix) {
    BigInteger size = BigInteger.ONE;
    for (MatrixParameter p : matrix.parameters) {
      size = size.multiply(BigInteger.valueOf(p.values.size()));
    }
    return size;
  }

  /** A repeated value would make two cells of one run; the schema checks this too, the operator says which value. */
  private static void distinctValues(List<MatrixParameter> parameters) {
    for (int i = 0; i < parameters.size(); i++) {
      Set<JsonNode> seen = new HashSet<>();
      for (JsonNode value : parameters.get(i).values) {
        if (!seen.add(value)) {
          MatrixParameter p = parameters.get(i);
          throw new InvalidSweepException("spec.matrix.parameters[" + i + "] (" + (p.name != null ? p.name : p.field)
              + ") repeats the value " + value + ": each value makes its own cells, so list it once");
        }
      }
    }
  }
}
