package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/** How pairs are stored in the file. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DatasetFormat {
  /** File format; Jsonl is one JSON object per line. */
  public FormatType type;

  /** Which keys of each object hold the prompt, the chosen and the rejected completion. */
  public FieldMapping fields;

  /** Supported file formats. */
  public enum FormatType {
    Jsonl
  }
}
