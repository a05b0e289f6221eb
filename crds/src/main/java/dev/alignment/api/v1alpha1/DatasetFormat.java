package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** How pairs are stored in the file. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DatasetFormat {
  @JsonPropertyDescription("File format; Jsonl is one JSON object per line.")
  public FormatType type;

  @JsonPropertyDescription("Which keys of each object hold the prompt, the chosen and the rejected completion.")
  public FieldMapping fields;

  /** Supported file formats. */
  public enum FormatType {
    Jsonl
  }
}
