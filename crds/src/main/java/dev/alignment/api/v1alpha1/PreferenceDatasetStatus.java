package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** Observed state of a PreferenceDataset. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PreferenceDatasetStatus {
  @JsonPropertyDescription("The metadata.generation this status describes.")
  public Long observedGeneration;

  @JsonPropertyDescription("Pending, Validating, Ready or Failed.")
  public DatasetPhase phase;

  @JsonPropertyDescription("Ready: the dataset is validated and usable by runs.")
  public List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("The synthesize and validate stages.")
  public List<StageStatus> stages = new ArrayList<>();

  @JsonPropertyDescription("Pairs in the training split.")
  public Long trainPairs;

  @JsonPropertyDescription("Pairs in the validation split.")
  public Long validationPairs;

  @JsonPropertyDescription("Rows dropped as duplicates or ties (chosen equal to rejected).")
  public Long skippedRows;

  @JsonPropertyDescription("sha256 of the validated content, to tell datasets apart in results.")
  public String digest;

  @JsonPropertyDescription("URI of the validated dataset on the workspace, used by runs.")
  public String uri;

  @JsonPropertyDescription("Why the dataset is in its phase; for bad input, the file, line and problem.")
  public String message;
}
