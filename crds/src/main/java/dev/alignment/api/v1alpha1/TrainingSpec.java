package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.alignment.contract.Defaults;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** Optimisation settings of a run's preference stage. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TrainingSpec extends OptimizerSpec {
  @JsonPropertyDescription("Strength of the KL regularisation toward the reference in DPO/IPO/cDPO (> 0). Default "
      + Defaults.BETA + ".")
  @Min(value = 0, inclusive = false)
  @Max(Bounds.COEFFICIENT)
  public Double beta;

  @JsonPropertyDescription("cDPO label smoothing: assumed probability in [0, 0.5] that a preference label is flipped.")
  @Min(0)
  @Max(0.5)
  public Double labelSmoothing;

  @JsonPropertyDescription("Seed for initialisation, batch order and sampling. Default " + Defaults.SEED + ".")
  @Min(0)
  @Max(Bounds.SEED)
  public Long seed;
}
