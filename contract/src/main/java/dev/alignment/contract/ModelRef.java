package dev.alignment.contract;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A model as a stage reads it: where it is, its tokenizer, optionally its architecture, and how long its inputs may be. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription("A model reference: where the model is, its tokenizer, optionally its architecture, chat template and "
    + "longest sequence.")
public record ModelRef(
    @JsonPropertyDescription("builtin://tiny or builtin://small (a fresh model of the trainer's own transformer preset), "
        + "builtin://gpt2-tiny or builtin://gpt2-small (a fresh Hugging Face GPT-2 of that preset, trained from scratch and "
        + "saved as a Hugging Face directory), or file:///workspace/... (a saved model, or a Hugging Face model directory: "
        + "config.json, safetensors weights, tokenizer.json).")
    String uri,
    @JsonPropertyDescription("builtin://words or file:///workspace/.../tokenizer.json. Default " + Defaults.TOKENIZER + ".")
    String tokenizer,
    @OptionalKey
    @JsonPropertyDescription("The transformer's shape; absent: the uri's preset, or the saved model's.")
    ArchitectureRef architecture,
    @OptionalKey
    @JsonPropertyDescription("A Jinja chat template that renders conversational rows in place of tokenizer_config.json's "
        + "chat_template (not blank). Absent: the tokenizer's own.")
    String chatTemplate,
    @OptionalKey
    @JsonPropertyDescription("Longest prompt + completion in tokens the stage feeds the model (> 0). Absent: the model's own "
        + "context (config.json's n_positions or max_position_embeddings, or the builtin architecture's contextLength).")
    Integer maxLength,
    @OptionalKey
    @JsonPropertyDescription("What the stage does with a sequence longer than maxLength: truncate keeps the end of the prompt "
        + "and the start of the completion and counts the rows it cut; reject fails the stage (exit 2) naming the row. "
        + "Default truncate (Defaults.OVERLONG).")
    Overlong overlong) {}
