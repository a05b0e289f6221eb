package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** An existing checkpoint used without training. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ImportSource {
  @JsonPropertyDescription("Checkpoint location: file:///workspace/<namespace>/<path> (this namespace's part of the workspace) or " +
      "run://<name>/<stage> (the model of a stage of a resource in this namespace: sft, dpo, ppo or reward).")
  @Required
  @ValidationRule(
      value = "self.matches('^file://.+') || self.matches('^" + UriRules.RUN + "')",
      message = "must be file:///workspace/<path> or run://<alignmentrun>/<stage> (stage sft, dpo, ppo or reward)")
  @ValidationRule(value = UriRules.FILE_RULE, message = UriRules.FILE_MESSAGE)
  @Size(max = Bounds.URI_LENGTH)
  public String uri;
}
