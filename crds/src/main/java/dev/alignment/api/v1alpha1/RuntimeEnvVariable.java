package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** One environment variable a trainer runtime sets in its containers: a plain name and value. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RuntimeEnvVariable {
  @JsonPropertyDescription("Variable name.")
  @Required
  @Pattern(Bounds.ENV_NAME)
  @Size(max = Bounds.ENV_NAME_LENGTH)
  public String name;

  @JsonPropertyDescription("Its value.")
  @Required
  @Size(max = Bounds.ENV_VALUE_LENGTH)
  public String value;

  public RuntimeEnvVariable() {}

  public RuntimeEnvVariable(String name, String value) {
    this.name = name;
    this.value = value;
  }
}
