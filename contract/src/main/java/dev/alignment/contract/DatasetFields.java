package dev.alignment.contract;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Which keys of a raw dataset row hold the prompt, the chosen and the rejected completion. */
@JsonClassDescription("The keys of a raw dataset row that hold the prompt, the chosen and the rejected completion.")
public record DatasetFields(
    @JsonPropertyDescription("Key of the prompt. Default " + Defaults.PROMPT_FIELD + ".")
    String prompt,
    @JsonPropertyDescription("Key of the preferred completion. Default " + Defaults.CHOSEN_FIELD + ".")
    String chosen,
    @JsonPropertyDescription("Key of the dispreferred completion. Default " + Defaults.REJECTED_FIELD + ".")
    String rejected) {}
