package dev.alignment.operator.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alignment.api.v1alpha1.AlignmentRun;
import dev.alignment.api.v1alpha1.AlignmentSweep;
import dev.alignment.operator.job.Ownership;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

/** The child AlignmentRun of a cell, owned by its sweep and labelled with it. */
public final class SweepChildren {
  /** On every child: the owning sweep's name. */
  public static final String SWEEP_LABEL = "alignment.dev/sweep";
  /** On every child: the cell's values by field, as JSON. */
  public static final String PARAMETERS_ANNOTATION = "alignment.dev/sweep-parameters";

  private static final ObjectMapper JSON = new ObjectMapper();

  private SweepChildren() {}

  public static AlignmentRun desired(AlignmentSweep sweep, ChildRun child) {
    AlignmentRun run = new AlignmentRun();
    run.setMetadata(new ObjectMetaBuilder()
        .withName(child.name())
        .withNamespace(sweep.getMetadata().getNamespace())
        .addToLabels(SWEEP_LABEL, sweep.getMetadata().getName())
        .addToAnnotations(PARAMETERS_ANNOTATION, json(child.cell()))
        .withOwnerReferences(Ownership.controllerReference(sweep))
        .build());
    run.setSpec(child.spec());
    return run;
  }

  private static String json(Cell cell) {
    try {
      return JSON.writeValueAsString(cell.values());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
