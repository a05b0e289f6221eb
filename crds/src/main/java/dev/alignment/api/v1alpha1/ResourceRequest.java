package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Quantity;

/** Compute for one trainer container; requests and limits are set alike. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ResourceRequest {
  @JsonPropertyDescription("Pods of the stage, each with these gpus, cpu and memory; more than 1 needs a trainer "
      + "runtime whose launcher is Torchrun. Only the trainer's resources (resources.trainer of a run, resources of a "
      + "reward model) take it. Default 1.")
  @Min(1)
  @Max(Bounds.NODES)
  public Integer nodes;

  @JsonPropertyDescription("Whole GPUs, requested as the nvidia.com/gpu extended resource. 0 runs on CPU.")
  @Min(0)
  @Max(Bounds.GPUS)
  public Integer gpus;

  @JsonPropertyDescription("CPU, e.g. \"2\" or \"500m\". Defaults to the operator's configured trainer CPU.")
  @ValidationRule(value = Bounds.CPU_RULE, message = Bounds.CPU_MESSAGE)
  public Quantity cpu;

  @JsonPropertyDescription("Memory, e.g. \"4Gi\". Defaults to the operator's configured trainer memory.")
  @ValidationRule(value = Bounds.MEMORY_RULE, message = Bounds.MEMORY_MESSAGE)
  public Quantity memory;
}
