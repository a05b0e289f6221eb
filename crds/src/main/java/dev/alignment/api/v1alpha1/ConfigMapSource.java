package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** A key of a ConfigMap in the dataset's namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ConfigMapSource {
  @JsonPropertyDescription("ConfigMap name.")
  @Required
  public String name;

  @JsonPropertyDescription("Key whose value is the JSONL text.")
  @Required
  public String key;
}
