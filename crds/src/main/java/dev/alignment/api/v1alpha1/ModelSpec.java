package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.alignment.contract.Defaults;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Where a model starts from: a built-in preset, a checkpoint on the workspace, or another run's output. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ModelSpec {
  @JsonPropertyDescription(
      "The model to start from: builtin://tiny or builtin://small (a fresh model of the trainer's own preset), " +
      "builtin://gpt2-tiny or builtin://gpt2-small (a fresh Hugging Face GPT-2 of that preset, trained from scratch " +
      "and saved as a Hugging Face directory), file:///workspace/<namespace>/... (a checkpoint on this namespace's part of the workspace volume, or a " +
      "Hugging Face model directory: config.json, safetensors weights, tokenizer.json), or " +
      "run://<alignmentrun>/<stage> (the output of stage sft, dpo, ppo or reward of another resource in the same " +
      "namespace). Defaults " +
      "to " + Defaults.MODEL + ".")
  @ValidationRule(
      value = "self.matches('^(builtin|file|s3)://.+') || self.matches('^" + UriRules.RUN + "')",
      message = "must be builtin://<preset>, file:///workspace/<path>, s3://<bucket>/<prefix> or "
          + "run://<alignmentrun>/<stage> (stage sft, dpo, ppo or reward)")
  @ValidationRule(value = UriRules.S3_RULE, message = UriRules.S3_MESSAGE)
  @ValidationRule(value = UriRules.FILE_RULE, message = UriRules.FILE_MESSAGE)
  @Size(max = Bounds.URI_LENGTH)
  public String uri;

  @JsonPropertyDescription("Network shape; when unset, the preset named by a builtin:// uri or the checkpoint's own shape.")
  public Architecture architecture;

  @JsonPropertyDescription(
      "Tokenizer: builtin://words (word-level, for the built-in task) or " +
      "file:///workspace/<namespace>/.../tokenizer.json (a HuggingFace tokenizer). Defaults to " + Defaults.TOKENIZER + ".")
  @ValidationRule(
      value = "self.matches('^(builtin|file)://.+')",
      message = "must be builtin://words or file:///workspace/<path>/tokenizer.json")
  @ValidationRule(value = UriRules.FILE_RULE, message = UriRules.FILE_MESSAGE)
  @Size(max = Bounds.URI_LENGTH)
  public String tokenizer;

  @JsonPropertyDescription(
      "A Jinja chat template that renders conversational data in place of the tokenizer's own (the chat_template " +
      "of tokenizer_config.json), with messages, add_generation_prompt and the special tokens as transformers' " +
      "apply_chat_template has them; not blank, at most 64 KiB. Unset: the tokenizer's chat_template.")
  @Pattern("\\S")
  @Size(max = Bounds.CHAT_TEMPLATE_LENGTH)
  public String chatTemplate;

  @JsonPropertyDescription(
      "Longest prompt + completion in tokens a stage feeds the model. Unset: the model's own context (n_positions " +
      "or max_position_embeddings in its config.json, or a builtin preset's contextLength).")
  @Min(8)
  @Max(Bounds.MAX_LENGTH)
  public Integer maxLength;

  @JsonPropertyDescription(
      "What a stage does with a sequence longer than maxLength: truncate keeps the end of the prompt and the start " +
      "of the completion and counts the rows it cut; reject fails the stage (bad input) naming the row. Default " +
      "truncate.")
  public Overlong overlong;

  /** What a stage does with a sequence longer than maxLength. */
  public enum Overlong {
    truncate,
    reject
  }
}
