package dev.alignment.operator.sweep;

import dev.alignment.api.v1alpha1.AlignmentRunSpec;
import dev.alignment.api.v1alpha1.AlignmentSweep;
import dev.alignment.operator.stage.DerivedNames;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * One generation of a sweep: its cells and the name of each cell's child, computed once and checked (at most the
 * cap, distinct values, fields that fit, no two cells making the same run). A cell's spec is made again on demand.
 */
public final class SweepLayout {
  /** A digest has 8 slots of 4 bytes; 8 specs sharing one 4-byte prefix in a sweep is beyond any real chance. */
  private static final int NAME_SLOTS = 8;

  private final AlignmentRunSpec template;
  private final MatrixCells cells;
  private final String[] names;
  private final Map<String, Integer> cellByName;

  private SweepLayout(AlignmentRunSpec template, MatrixCells cells, String[] names, Map<String, Integer> cellByName) {
    this.template = template;
    this.cells = cells;
    this.names = names;
    this.cellByName = cellByName;
  }

  /** Checks and names every cell of the sweep's matrix; a sweep that cannot run throws with what to fix. */
  public static SweepLayout of(AlignmentSweep sweep, int maxCells) {
    var spec = sweep.getSpec();
    MatrixCells cells = MatrixCells.of(spec.matrix, maxCells);
    ChildSpecs.validate(spec.template, spec.matrix.parameters);
    String sweepName = sweep.getMetadata().getName();
    String[] names = new String[cells.size()];
    byte[][] digests = new byte[cells.size()][];
    Map<String, Integer> cellByName = new HashMap<>(cells.size() * 4 / 3 + 1);
    for (int i = 0; i < cells.size(); i++) {
      digests[i] = ChildSpecs.digest(ChildSpecs.of(spec.template, cells.cell(i)));
      for (int slot = 0; names[i] == null; slot++) {
        if (slot == NAME_SLOTS) {
          throw new IllegalStateException("no free name for cell " + i + " of sweep " + sweepName);
        }
        String name = DerivedNames.sweepChild(sweepName, digests[i], slot);
        Integer other = cellByName.putIfAbsent(name, i);
        if (other == null) {
          names[i] = name;
        } else if (Arrays.equals(digests[other], digests[i])) {
          throw new InvalidSweepException("spec.matrix: cells " + other + " " + cells.cell(other).parameters() + " and "
              + i + " " + cells.cell(i).parameters() + " make the same run (" + name + "): change the values so that "
              + "every cell sets a different spec");
        }
      }
    }
    return new SweepLayout(spec.template, cells, names, cellByName);
  }

  public int size() {
    return names.length;
  }

  public String name(int cell) {
    return names[cell];
  }

  /** The cell whose child has this name, or null for a name no cell has. */
  public Integer cellOf(String name) {
    return cellByName.get(name);
  }

  public Cell cell(int index) {
    return cells.cell(index);
  }

  /** The child run of a cell, its spec made from the template. */
  public ChildRun child(int index) {
    Cell cell = cells.cell(index);
    return new ChildRun(names[index], cell, ChildSpecs.of(template, cell));
  }
}
