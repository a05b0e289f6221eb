package dev.alignment.trainer.data;

import com.google.gson.JsonObject;
import dev.alignment.trainer.base.BadInputException;
import dev.alignment.trainer.rows.Demonstration;
import dev.alignment.trainer.rows.Message;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Reads SFT data and prompts, standard or conversational (rendered with the model's chat template): demonstrations
 * ({@code prompt}/{@code completion}, or a whole conversation in {@code messages}), a validated preference dataset's
 * chosen side, or prompts.
 */
public final class DemonstrationReader {
  private static final String MESSAGES = "messages";

  private DemonstrationReader() {}

  /**
   * A {@code messages} row is trained on its last message, which must be the assistant's; every message before it
   * is the prompt.
   */
  public static List<Demonstration> demonstrations(String uri, Optional<? extends ChatRenderer> renderer) throws IOException {
    ChatText text = new ChatText(uri, renderer);
    try (SourceLines source = DatasetSource.open(uri)) {
      FormatGuard guard = new FormatGuard(source);
      return JsonlParser.parseAll(source, row -> demonstration(row, guard, text));
    }
  }

  public static List<Demonstration> chosenOf(String validatedDatasetUri, Optional<? extends ChatRenderer> renderer) throws IOException {
    return ValidatedDataset.read(validatedDatasetUri, renderer).train().stream()
        .map(p -> new Demonstration(p.prompt(), p.chosen())).toList();
  }

  /**
   * Prompts for sampling, at least one: JSON Lines with a {@code prompt} string or list of messages (rendered with the
   * generation prompt), or {@code builtin://sentiment/prompts}.
   */
  public static List<String> prompts(String uri, Optional<? extends ChatRenderer> renderer) throws IOException {
    ChatText text = new ChatText(uri, renderer);
    List<String> prompts;
    try (SourceLines source = DatasetSource.open(uri)) {
      FormatGuard guard = new FormatGuard(source);
      prompts = JsonlParser.parseAll(source, row -> prompt(row, guard, text));
    }
    if (prompts.isEmpty()) {
      throw new BadInputException(uri + ": no prompts");
    }
    return prompts;
  }

  private static Demonstration demonstration(JsonObject row, FormatGuard guard, ChatText text) {
    if (row.has(MESSAGES)) {
      if (row.has("prompt") || row.has("completion")) {
        throw new RowProblem("fields 'messages' and 'prompt' or 'completion' together: a row is one conversation"
            + " in 'messages', or a 'prompt' and a 'completion'");
      }
      List<Message> messages = RowFields.messages(row, MESSAGES);
      Messages.requireLast(messages, 0, MESSAGES, "a conversation", Messages.ASSISTANT);
      if (messages.size() == 1) {
        throw new RowProblem(MESSAGES + ": no message before the last (the assistant's) to use as the prompt");
      }
      List<Message> prompt = messages.subList(0, messages.size() - 1);
      Messages.requireLast(prompt, 0, MESSAGES, "the prompt (every message before the last)", Messages.USER);
      guard.check(DatasetFormat.CONVERSATIONAL, row);
      return text.demonstration(prompt, messages.subList(messages.size() - 1, messages.size()));
    }
    RowFields fields = RowFields.of(row, "completion", "prompt");
    if (fields.format() == DatasetFormat.STANDARD) {
      Demonstration demonstration = new Demonstration(fields.text("prompt"), fields.text("completion"));
      return guard.check(DatasetFormat.STANDARD, demonstration);
    }
    List<Message> prompt = fields.messages("prompt");
    Messages.requireLast(prompt, 0, "prompt", "a prompt", Messages.USER);
    List<Message> completion = fields.messages("completion");
    Messages.requireLast(completion, 0, "completion", "a completion", Messages.ASSISTANT);
    guard.check(DatasetFormat.CONVERSATIONAL, row);
    return text.demonstration(prompt, completion);
  }

  private static String prompt(JsonObject row, FormatGuard guard, ChatText text) {
    RowFields fields = RowFields.of(row, "prompt");
    if (fields.format() == DatasetFormat.STANDARD) {
      return guard.check(DatasetFormat.STANDARD, fields.text("prompt"));
    }
    List<Message> prompt = fields.messages("prompt");
    Messages.requireLast(prompt, 0, "prompt", "a prompt", Messages.USER);
    guard.check(DatasetFormat.CONVERSATIONAL, row);
    return text.prompt(prompt);
  }
}
