package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Exactly one origin of preference pairs. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "(has(self.uri) ? 1 : 0) + (has(self.configMap) ? 1 : 0) + (has(self.synthesize) ? 1 : 0) == 1",
    message = "spec.source: set exactly one of uri, configMap or synthesize")
public class DatasetSource {
  @JsonPropertyDescription(
      "A JSONL file: file:///workspace/<namespace>/<path> (this namespace's part of the workspace), " +
      "http(s)://<host>/<path> (as the operator's http policy allows), or " +
      "builtin://sentiment/preferences.")
  @ValidationRule(
      value = "self.matches('^(file|https?|builtin|s3)://.+')",
      message = "must be file:///workspace/<path>, http(s)://<host>/<path>, s3://<bucket>/<key> or builtin://<name>")
  @ValidationRule(value = UriRules.S3_RULE, message = UriRules.S3_MESSAGE)
  @ValidationRule(value = UriRules.FILE_RULE, message = UriRules.FILE_MESSAGE)
  @ValidationRule(value = UriRules.HTTP_RULE, message = UriRules.HTTP_MESSAGE)
  @Size(max = Bounds.URI_LENGTH)
  public String uri;

  @JsonPropertyDescription("A key of a ConfigMap in the same namespace holding the JSONL text (small datasets).")
  public ConfigMapSource configMap;

  @JsonPropertyDescription("Generate the pairs: sample from a policy and label them with a simulated annotator.")
  public Synthesize synthesize;
}
