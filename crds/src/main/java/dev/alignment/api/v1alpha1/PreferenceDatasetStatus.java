package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** Observed state of a PreferenceDataset. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PreferenceDatasetStatus {
  /** The metadata.generation this status describes. */
  public Long observedGeneration;

  /** Pending, Validating, Ready or Failed. */
  public DatasetPhase phase;

  /** Ready: the dataset is validated and usable by runs. */
  public List<Condition> conditions = new ArrayList<>();

  /** The synthesize and validate stages. */
  public List<StageStatus> stages = new ArrayList<>();

  /** Pairs in the training split. */
  public Long trainPairs;

  /** Pairs in the validation split. */
  public Long validationPairs;

  /** Rows dropped as duplicates or ties (chosen equal to rejected). */
  public Long skippedRows;

  /** sha256 of the validated content, to tell datasets apart in results. */
  public String digest;

  /** URI of the validated dataset on the workspace, used by runs. */
  public String uri;

  /** Why the dataset is in its phase; for bad input, the file, line and problem. */
  public String message;
}
