package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

/** The shared volume mounted at /workspace where stages read inputs and write outputs and checkpoints. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Workspace {
  @JsonPropertyDescription("PersistentVolumeClaim to mount. Defaults to the operator's configured workspace claim.")
  @Pattern(Bounds.OBJECT_NAME)
  @Size(max = Bounds.OBJECT_NAME_LENGTH)
  public String claimName;
}
