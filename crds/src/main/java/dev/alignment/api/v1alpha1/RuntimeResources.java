package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Quantity;

/** A trainer runtime's default compute per pod, used where a resource's spec sets none. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RuntimeResources {
  @JsonPropertyDescription("CPU per pod, e.g. \"4\". Unset: the operator's configured trainer CPU.")
  @ValidationRule(value = Bounds.CPU_RULE, message = Bounds.CPU_MESSAGE)
  public Quantity cpu;

  @JsonPropertyDescription("Memory per pod, e.g. \"16Gi\". Unset: the operator's configured trainer memory.")
  @ValidationRule(value = Bounds.MEMORY_RULE, message = Bounds.MEMORY_MESSAGE)
  public Quantity memory;
}
