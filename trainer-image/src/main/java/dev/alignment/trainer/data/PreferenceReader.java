package dev.alignment.trainer.data;

import com.google.gson.JsonObject;
import dev.alignment.contract.DatasetFields;
import dev.alignment.trainer.base.Excerpt;
import dev.alignment.trainer.rows.Message;
import dev.alignment.trainer.rows.PreferenceConversation;
import dev.alignment.trainer.rows.PreferencePair;
import dev.alignment.trainer.rows.PreferenceRow;
import java.io.IOException;
import java.util.List;

/**
 * Reads preference rows through a field mapping, standard (strings) or conversational (lists of messages), one format
 * per dataset. A row without the prompt key has an implicit prompt: the longest common start of chosen and rejected
 * (for strings, cut back to a word boundary); the completions are what follows it.
 */
public final class PreferenceReader {
  private PreferenceReader() {}

  /** Hands each row to {@code rows} as it is read; fails at the end if any line was malformed. */
  public static void read(SourceLines source, DatasetFields fields, RowConsumer<PreferenceRow> rows) throws IOException {
    FormatGuard guard = new FormatGuard(source);
    JsonlParser.parse(source, row -> checked(guard, row(row, fields)), rows);
  }

  /** Every row as text, conversational rows rendered by {@code text}. */
  static List<PreferencePair> readAll(SourceLines source, DatasetFields fields, ChatText text) throws IOException {
    FormatGuard guard = new FormatGuard(source);
    return JsonlParser.parseAll(source, row -> text.pair(checked(guard, row(row, fields))));
  }

  private static PreferenceRow checked(FormatGuard guard, PreferenceRow row) {
    return guard.check(row instanceof PreferenceConversation ? DatasetFormat.CONVERSATIONAL : DatasetFormat.STANDARD, row);
  }

  private static PreferenceRow row(JsonObject row, DatasetFields fields) {
    RowFields text = RowFields.of(row, fields.chosen(), fields.rejected(), fields.prompt());
    return text.format() == DatasetFormat.STANDARD ? pair(text, fields) : conversation(text, fields);
  }

  private static PreferencePair pair(RowFields row, DatasetFields fields) {
    String chosen = row.text(fields.chosen());
    String rejected = row.text(fields.rejected());
    if (row.has(fields.prompt())) {
      return new PreferencePair(row.text(fields.prompt()), chosen, rejected);
    }
    if (chosen.equals(rejected)) {
      throw noImplicitPrompt(fields);
    }
    int split = commonPrefixAtWordBoundary(chosen, rejected);
    if (split == 0) {
      throw new RowProblem("no field '" + fields.prompt() + "' and '" + fields.chosen() + "' and '"
          + fields.rejected() + "' share no leading words to use as the prompt");
    }
    String prompt = chosen.substring(0, split).strip();
    String chosenRest = chosen.substring(split).strip();
    String rejectedRest = rejected.substring(split).strip();
    if (chosenRest.isEmpty() || rejectedRest.isEmpty()) {
      throw new RowProblem("empty completion: '" + (chosenRest.isEmpty() ? fields.chosen() : fields.rejected())
          + "' has nothing after the implicit prompt '" + Excerpt.of(prompt, Excerpt.QUOTE) + "'");
    }
    return new PreferencePair(prompt, chosenRest, rejectedRest);
  }

  private static PreferenceConversation conversation(RowFields row, DatasetFields fields) {
    List<Message> chosen = row.messages(fields.chosen());
    List<Message> rejected = row.messages(fields.rejected());
    if (row.has(fields.prompt())) {
      List<Message> prompt = row.messages(fields.prompt());
      Messages.requireLast(prompt, 0, fields.prompt(), "a prompt", Messages.USER);
      requireCompletion(chosen, 0, fields.chosen());
      requireCompletion(rejected, 0, fields.rejected());
      return new PreferenceConversation(prompt, chosen, rejected);
    }
    if (chosen.equals(rejected)) {
      throw noImplicitPrompt(fields);
    }
    int common = 0;
    while (common < chosen.size() && common < rejected.size() && chosen.get(common).equals(rejected.get(common))) {
      common++;
    }
    if (common == 0) {
      throw new RowProblem("no field '" + fields.prompt() + "' and '" + fields.chosen() + "' and '"
          + fields.rejected() + "' share no leading messages to use as the prompt");
    }
    List<Message> prompt = chosen.subList(0, common);
    List<Message> chosenRest = chosen.subList(common, chosen.size());
    List<Message> rejectedRest = rejected.subList(common, rejected.size());
    if (chosenRest.isEmpty() || rejectedRest.isEmpty()) {
      throw new RowProblem("empty completion: '" + (chosenRest.isEmpty() ? fields.chosen() : fields.rejected())
          + "' has no messages after the implicit prompt (the " + common + " messages both start with)");
    }
    Messages.requireLast(prompt, 0, fields.chosen(), "the implicit prompt (the messages both start with)", Messages.USER);
    requireCompletion(chosenRest, common, fields.chosen());
    requireCompletion(rejectedRest, common, fields.rejected());
    return new PreferenceConversation(prompt, chosenRest, rejectedRest);
  }

  private static void requireCompletion(List<Message> completion, int offset, String field) {
    Messages.requireLast(completion, offset, field, "a completion", Messages.ASSISTANT);
  }

  private static RowProblem noImplicitPrompt(DatasetFields fields) {
    return new RowProblem("no field '" + fields.prompt() + "' and '" + fields.chosen() + "' equals '"
        + fields.rejected() + "', so no implicit prompt can be split off");
  }

  /** Length of the common prefix, cut back to just after its last whitespace (0 when there is none). */
  static int commonPrefixAtWordBoundary(String a, String b) {
    int common = 0;
    while (common < a.length() && common < b.length() && a.charAt(common) == b.charAt(common)) {
      common++;
    }
    if (common == a.length() && common == b.length()) {
      return 0;
    }
    boolean atBoundary = (common == a.length() || Character.isWhitespace(a.charAt(common)))
        && (common == b.length() || Character.isWhitespace(b.charAt(common)));
    if (atBoundary) {
      return common;
    }
    int cut = common;
    while (cut > 0 && !Character.isWhitespace(a.charAt(cut - 1))) {
      cut--;
    }
    return cut;
  }
}
