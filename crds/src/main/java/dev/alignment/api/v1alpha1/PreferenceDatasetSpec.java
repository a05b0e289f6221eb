package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.alignment.contract.Defaults;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** Where the preference pairs come from, how to read them and how to split them. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PreferenceDatasetSpec {
  @JsonPropertyDescription("The pairs' origin: exactly one of uri, configMap or synthesize.")
  @Required
  public DatasetSource source;

  @JsonPropertyDescription("File format and field names; defaults to JSONL with keys prompt, chosen, rejected.")
  public DatasetFormat format;

  @JsonPropertyDescription(
      "Share of pairs held out for validation, in [0, 0.5], chosen by a seeded hash of each pair. Default "
      + Defaults.VALIDATION_FRACTION + ".")
  @Min(0)
  @Max(0.5)
  public Double validationFraction;

  @JsonPropertyDescription("Trainer image for the validation Job; defaults to the operator's configured image.")
  @Pattern(Bounds.IMAGE)
  @Size(min = 1, max = Bounds.IMAGE_LENGTH)
  public String image;

  @JsonPropertyDescription(Descriptions.ENV)
  @Size(max = Bounds.ENV_VARIABLES)
  public List<EnvVariable> env;

  @JsonPropertyDescription(Descriptions.ENV_FROM)
  @Size(max = Bounds.ENV_FROM)
  public List<EnvFromSecret> envFrom;

  @JsonPropertyDescription("Compute for the validation (and synthesis) Job.")
  @ValidationRule(value = "!has(self.nodes)",
      message = "resources.nodes is not supported: dataset validation runs on one pod of the reference runtime")
  public ResourceRequest resources;

  @JsonPropertyDescription("Volume the validated dataset is written to; defaults to the operator's workspace claim.")
  public Workspace workspace;
}
