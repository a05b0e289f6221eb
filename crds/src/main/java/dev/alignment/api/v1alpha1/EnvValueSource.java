package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** The source of an environment variable's value: only a Secret's key. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EnvValueSource {
  @JsonPropertyDescription("A key of a Secret in the resource's namespace.")
  @Required
  public SecretKeyRef secretKeyRef;
}
