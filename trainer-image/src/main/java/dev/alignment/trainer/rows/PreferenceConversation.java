package dev.alignment.trainer.rows;

import java.util.List;

/** A conversational comparison: after the {@code prompt} messages, the {@code chosen} ones were preferred over {@code rejected}. */
public record PreferenceConversation(List<Message> prompt, List<Message> chosen, List<Message> rejected) implements PreferenceRow {
  public PreferenceConversation {
    prompt = List.copyOf(prompt);
    chosen = List.copyOf(chosen);
    rejected = List.copyOf(rejected);
  }

  @Override
  public boolean isTie() {
    return chosen.equals(rejected);
  }
}
