package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

/** One varied field of the run template (or a group of fields that vary together) and the values it takes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "has(self.field) || has(self.name)",
    message = "a spec.matrix.parameters entry needs field (the spec field it sets) or, for values that set several "
        + "fields together, name (its column in the leaderboard)")
public class MatrixParameter {
  @JsonPropertyDescription(
      "Dot path of the field in the AlignmentRun spec, e.g. algorithm, preferenceDataset, rewardModel, " +
      "promptDataset.uri, training.beta, ppo.klCoef, training.seed. Omit it to make each value an object merged " +
      "into the spec (JSON merge patch), for fields that vary together, e.g. {preferenceDataset: clean, " +
      "rewardModel: rm-clean}.")
  @Pattern("^[a-zA-Z][a-zA-Z0-9]*(\\.[a-zA-Z][a-zA-Z0-9]*)*$")
  @Size(max = 128)
  public String field;

  @JsonPropertyDescription("The parameter's column in the leaderboard. Default: field.")
  @Pattern("^[a-zA-Z][a-zA-Z0-9._-]*$")
  @Size(max = 63)
  public String name;

  @JsonPropertyDescription(
      "The values, each of the field's type (a string, a number, or an object for an object field); " +
      "a child run is made for each. Distinct (the operator fails a sweep that repeats one); at most 64.")
  @Required
  @Size(min = 1, max = 64)
  public List<JsonNode> values = new ArrayList<>();
}
