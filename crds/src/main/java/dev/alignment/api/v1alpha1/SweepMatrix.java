package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/** The fields a sweep varies: their full grid, or a seeded random sample of its cells. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "has(self.strategy) && self.strategy == 'Random' ? has(self.samples) : !has(self.samples)",
    message = "spec.matrix.samples is required with strategy Random (how many cells to draw) and not allowed with Grid")
@ValidationRule(
    value = "self.parameters.all(p, self.parameters.exists_one(q, (has(q.name) ? q.name : has(q.field) ? q.field : '') == (has(p.name) ? p.name : has(p.field) ? p.field : '')))",
    message = "spec.matrix.parameters must name each field (or name) once: merge the values of a repeated field into one entry",
    fieldPath = ".parameters")
public class SweepMatrix {
  /**
   * Most samples a Random sweep may draw, checked at admission; the operator's own cap (sweepMaxCells, default
   * 10,000) is lower. A grid's size is checked by the operator only: CEL cannot see the untyped values to count them.
   */
  private static final int MAX_SAMPLES = 100_000;

  @JsonPropertyDescription(
      "Grid: every combination of the parameters' values. Random: samples distinct combinations drawn with " +
      "seed. Default Grid.")
  public Strategy strategy = Strategy.Grid;

  @JsonPropertyDescription("Random only: how many cells to draw (at most the grid's size, and at most 100000).")
  @Min(1)
  @Max(MAX_SAMPLES)
  public Integer samples;

  @JsonPropertyDescription("Random only: the seed of the draw, so the same manifest always gives the same cells. Default 0.")
  @Min(0)
  @Max(Bounds.SEED)
  public Long seed;

  @JsonPropertyDescription("The fields to vary, each with its values; cells are taken in this order (the last varies fastest).")
  @Required
  @Size(min = 1, max = 8)
  public List<MatrixParameter> parameters = new ArrayList<>();

  /** How cells are chosen from the grid. */
  public enum Strategy {
    Grid,
    Random
  }
}
