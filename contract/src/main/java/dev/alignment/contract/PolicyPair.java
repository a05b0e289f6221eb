package dev.alignment.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The policy a stage trains or samples and the frozen reference it is held to; configs hold it {@code @JsonUnwrapped}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PolicyPair(
    @JsonPropertyDescription(Docs.POLICY)
    ModelRef policy,
    @JsonPropertyDescription(Docs.REFERENCE)
    ModelRef reference) {}
