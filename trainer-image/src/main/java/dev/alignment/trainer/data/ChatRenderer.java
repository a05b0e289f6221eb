package dev.alignment.trainer.data;

import dev.alignment.trainer.rows.Message;
import java.util.List;

/** Renders messages as one text, as a model's chat template does ({@code apply_chat_template(tokenize=False)}). */
public interface ChatRenderer {
  String render(List<Message> messages, boolean addGenerationPrompt);
}
