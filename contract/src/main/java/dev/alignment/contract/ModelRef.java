package dev.alignment.contract;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A model as a stage reads it: where it is, its tokenizer and optionally its architecture. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription("A model reference: where the model is, its tokenizer and optionally its architecture.")
public record ModelRef(
    @JsonPropertyDescription("builtin://tiny or builtin://small (a fresh model of that preset) or file:///workspace/... (a saved model).")
    String uri,
    @JsonPropertyDescription("builtin://words or file:///workspace/.../tokenizer.json. Default " + Defaults.TOKENIZER + ".")
    String tokenizer,
    @OptionalKey
    @JsonPropertyDescription("The transformer's shape; absent: the uri's preset, or the saved model's.")
    ArchitectureRef architecture) {}
