package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.alignment.contract.Defaults;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Where a model starts from: a built-in preset, a checkpoint on the workspace, or another run's output. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ModelSpec {
  @JsonPropertyDescription(
      "The model to start from: builtin://tiny or builtin://small (a fresh model of that preset), " +
      "file:///workspace/... (a checkpoint on the workspace volume), or run://<alignmentrun>/<stage> " +
      "(the output of a stage of another AlignmentRun in the same namespace). Defaults to " + Defaults.MODEL + ".")
  @ValidationRule(
      value = "self.matches('^(builtin|file)://.+') || self.matches('^run://[a-z0-9]([-a-z0-9.]*[a-z0-9])?/[a-z][-a-z]*$')",
      message = "must be builtin://<preset>, file:///workspace/<path> or run://<alignmentrun>/<stage>")
  @Size(max = Bounds.URI_LENGTH)
  public String uri;

  @JsonPropertyDescription("Network shape; when unset, the preset named by a builtin:// uri or the checkpoint's own shape.")
  public Architecture architecture;

  @JsonPropertyDescription(
      "Tokenizer: builtin://words (word-level, for the built-in task) or " +
      "file:///workspace/.../tokenizer.json (a HuggingFace tokenizer). Defaults to " + Defaults.TOKENIZER + ".")
  @ValidationRule(
      value = "self.matches('^(builtin|file)://.+')",
      message = "must be builtin://words or file:///workspace/<path>/tokenizer.json")
  @Size(max = Bounds.URI_LENGTH)
  public String tokenizer;
}
