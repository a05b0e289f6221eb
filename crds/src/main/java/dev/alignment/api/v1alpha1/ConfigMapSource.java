package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;

/** A key of a ConfigMap in the dataset's namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ConfigMapSource {
  /** ConfigMap name. */
  @Required
  public String name;

  /** Key whose value is the JSONL text. */
  @Required
  public String key;
}
