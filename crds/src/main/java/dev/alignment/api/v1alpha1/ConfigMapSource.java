package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** A key of a ConfigMap in the dataset's namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ConfigMapSource {
  @JsonPropertyDescription("ConfigMap name.")
  @Required
  @Pattern(Bounds.OBJECT_NAME)
  @Size(max = Bounds.OBJECT_NAME_LENGTH)
  public String name;

  @JsonPropertyDescription("Key whose value is the JSONL text.")
  @Required
  @Pattern(Bounds.CONFIG_MAP_KEY)
  @ValidationRule(value = "self != '.' && !self.startsWith('..')",
      message = "must not be '.' or start with '..' (it becomes a file name under the input directory)")
  @Size(max = Bounds.OBJECT_NAME_LENGTH)
  public String key;
}
