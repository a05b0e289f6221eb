package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The shared volume mounted at /workspace where stages read inputs and write outputs and checkpoints. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Workspace {
  /** PersistentVolumeClaim to mount. Defaults to the operator's configured workspace claim. */
  public String claimName;
}
