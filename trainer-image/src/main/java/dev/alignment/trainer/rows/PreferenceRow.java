package dev.alignment.trainer.rows;

/** A preference row as a dataset holds it: strings ({@link PreferencePair}) or messages ({@link PreferenceConversation}). */
public sealed interface PreferenceRow permits PreferencePair, PreferenceConversation {
  /** Chosen equals rejected: the row says nothing about which is better. */
  boolean isTie();
}
