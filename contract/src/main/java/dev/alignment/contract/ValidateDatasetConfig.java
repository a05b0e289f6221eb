package dev.alignment.contract;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** The config of {@code validate-dataset}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription("validate-dataset: checks a raw preference dataset, applies the field mapping and splits it into train and validation.")
public record ValidateDatasetConfig(
    @JsonUnwrapped
    StageHeader header,
    @JsonPropertyDescription("URI of the raw dataset: builtin://..., file://..., http(s)://...")
    String source,
    @JsonPropertyDescription("The raw rows' keys for prompt, chosen and rejected.")
    DatasetFields fields,
    @JsonPropertyDescription("Share of rows held out for validation, in [0, 0.5]. Default " + Defaults.VALIDATION_FRACTION + ".")
    double validationFraction,
    @OptionalKey
    @JsonPropertyDescription("Seed of the train/validation split. Default " + Defaults.SEED + ".")
    Long seed) implements CommandConfig {
}
