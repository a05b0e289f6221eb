package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** One environment variable of the trainer pods: a plain value, or a key of a Secret in the same namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "has(self.value) != has(self.valueFrom)",
    message = "set exactly one of value (a plain setting) or valueFrom.secretKeyRef (a credential from a Secret)")
public class EnvVariable {
  @JsonPropertyDescription("Variable name; the operator's allowedEnvNames must permit it.")
  @Required
  @Pattern(Bounds.ENV_NAME)
  @Size(max = Bounds.ENV_NAME_LENGTH)
  public String name;

  @JsonPropertyDescription("A plain value, for settings that are not secret (it is visible in the spec).")
  @Size(max = Bounds.ENV_VALUE_LENGTH)
  public String value;

  @JsonPropertyDescription("Where a secret value comes from.")
  public EnvValueSource valueFrom;

  public EnvVariable() {}

  public EnvVariable(String name, String value) {
    this.name = name;
    this.value = value;
  }
}
