package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** An existing checkpoint used without training. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ImportSource {
  @JsonPropertyDescription("Checkpoint location: file:///workspace/<path> or run://<alignmentrun>/<stage>.")
  @Required
  @ValidationRule(
      value = "self.matches('^file://.+') || self.matches('^run://[a-z0-9]([-a-z0-9.]*[a-z0-9])?/[a-z][-a-z]*$')",
      message = "must be file:///workspace/<path> or run://<alignmentrun>/<stage>")
  @Size(max = Bounds.URI_LENGTH)
  public String uri;
}
