package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/**
 * Every key of a Secret as an environment variable of the trainer pods, named {@code <prefix><key>}. The operator
 * cannot see the keys, so it allows this only when its allowedEnvNames permits every name that starts with the prefix.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EnvFromSecret {
  @JsonPropertyDescription("Prepended to every key of the Secret; allowedEnvNames must hold an entry <start>* that "
      + "this prefix starts with (\"*\" alone for no prefix).")
  @Pattern(Bounds.ENV_NAME)
  @Size(max = Bounds.ENV_NAME_LENGTH)
  public String prefix;

  @JsonPropertyDescription("The Secret, in the resource's namespace.")
  @Required
  public SecretRef secretRef;

  public EnvFromSecret() {}

  public EnvFromSecret(String prefix, String secret) {
    this.prefix = prefix;
    this.secretRef = new SecretRef(secret);
  }
}
