package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The shared volume mounted at /workspace where stages read inputs and write outputs and checkpoints. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Workspace {
  @JsonPropertyDescription("PersistentVolumeClaim to mount. Defaults to the operator's configured workspace claim.")
  public String claimName;
}
