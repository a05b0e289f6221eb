package dev.alignment.trainer.data;

import dev.alignment.trainer.base.BadInputException;
import dev.alignment.trainer.rows.Demonstration;
import dev.alignment.trainer.rows.Message;
import dev.alignment.trainer.rows.PreferenceConversation;
import dev.alignment.trainer.rows.PreferencePair;
import dev.alignment.trainer.rows.PreferenceRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns conversational rows into prompt and completion text as TRL's {@code maybe_apply_chat_template} does: the
 * prompt rendered with the generation prompt, each completion rendered after the prompt with the prompt's text cut off.
 */
final class ChatText {
  private final String dataset;
  private final Optional<? extends ChatRenderer> renderer;

  /** {@code dataset} names the data in the error for conversational rows without a renderer. */
  ChatText(String dataset, Optional<? extends ChatRenderer> renderer) {
    this.dataset = dataset;
    this.renderer = renderer;
  }

  PreferencePair pair(PreferenceRow row) {
    if (row instanceof PreferencePair pair) {
      return pair;
    }
    PreferenceConversation conversation = (PreferenceConversation) row;
    String prompt = prompt(conversation.prompt());
    return new PreferencePair(prompt, completion(conversation.prompt(), prompt, conversation.chosen(), "chosen"),
        completion(conversation.prompt(), prompt, conversation.rejected(), "rejected"));
  }

  Demonstration demonstration(List<Message> prompt, List<Message> completion) {
    String text = prompt(prompt);
    return new Demonstration(text, completion(prompt, text, completion, "completion"));
  }

  String prompt(List<Message> prompt) {
    return render(prompt, true);
  }

  private String completion(List<Message> prompt, String renderedPrompt, List<Message> completion, String field) {
    List<Message> whole = new ArrayList<>(prompt);
    whole.addAll(completion);
    String text = render(whole, false);
    if (!text.startsWith(renderedPrompt)) {
      throw new RowProblem("the chat template's text for the prompt followed by '" + field + "' does not start with"
          + " its text for the prompt with the generation prompt, so '" + field + "' cannot be cut off it");
    }
    String rest = text.substring(renderedPrompt.length());
    if (rest.isEmpty()) {
      throw new RowProblem("the chat template renders '" + field + "' as no text");
    }
    return rest;
  }

  private String render(List<Message> messages, boolean addGenerationPrompt) {
    ChatRenderer chat = renderer.orElseThrow(() -> new BadInputException(dataset + ": conversational rows need a chat"
        + " template: the model's tokenizer_config.json has none; set spec.model.chatTemplate"));
    try {
      return chat.render(messages, addGenerationPrompt);
    } catch (BadInputException e) {
      // The template's own refusal (raise_exception) is about this row's messages: report it with the line.
      throw new RowProblem(e.getMessage());
    }
  }
}
