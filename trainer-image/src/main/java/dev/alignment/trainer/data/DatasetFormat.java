package dev.alignment.trainer.data;

import java.util.Locale;

/** TRL's two dataset formats: text fields as strings, or as lists of {@code {role, content}} messages. */
public enum DatasetFormat {
  STANDARD, CONVERSATIONAL;

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
