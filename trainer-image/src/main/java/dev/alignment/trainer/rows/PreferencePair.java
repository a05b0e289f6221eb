package dev.alignment.trainer.rows;

/** One labelled comparison: for {@code prompt}, {@code chosen} was preferred over {@code rejected}. */
public record PreferencePair(String prompt, String chosen, String rejected) implements PreferenceRow {
  @Override
  public boolean isTie() {
    return chosen.equals(rejected);
  }
}
