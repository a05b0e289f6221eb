package dev.alignment.trainer.data;

import com.google.gson.JsonObject;
import dev.alignment.contract.DatasetFields;
import dev.alignment.trainer.base.Excerpt;
import dev.alignment.trainer.rows.PreferencePair;
import java.io.IOException;
import java.util.List;

/**
 * Reads preference rows through a field mapping. A row without the prompt key has an implicit prompt: the longest
 * common prefix of chosen and rejected that ends at a word boundary; the completions are what follows it.
 */
public final class PreferenceReader {
  private PreferenceReader() {}

  /** Hands each pair to {@code pairs} as it is read; fails at the end if any line was malformed. */
  public static void read(SourceLines source, DatasetFields fields, RowConsumer<PreferencePair> pairs) throws IOException {
    JsonlParser.parse(source, row -> pair(row, fields), pairs);
  }

  public static List<PreferencePair> readAll(SourceLines source, DatasetFields fields) throws IOException {
    return JsonlParser.parseAll(source, row -> pair(row, fields));
  }

  private static PreferencePair pair(JsonObject row, DatasetFields fields) {
    String chosen = JsonlParser.text(row, fields.chosen());
    String rejected = JsonlParser.text(row, fields.rejected());
    if (row.has(fields.prompt())) {
      return new PreferencePair(JsonlParser.text(row, fields.prompt()), chosen, rejected);
    }
    if (chosen.equals(rejected)) {
      throw new RowProblem("no field '" + fields.prompt() + "' and '" + fields.chosen() + "' equals '"
          + fields.rejected() + "', so no implicit prompt can be split off");
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
