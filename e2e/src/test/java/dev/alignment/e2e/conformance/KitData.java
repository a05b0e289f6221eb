package dev.alignment.e2e.conformance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The kit's datasets, written into the workspace where its configs point (there is no network): demonstrations,
 * preference pairs under other field names, a validated preference dataset, and one with a bad row.
 */
final class KitData {
  static final String DEMONSTRATIONS = "/workspace/data/demonstrations.jsonl";
  /** Pairs with the fields {@code question}, {@code better}, {@code worse}; validate-dataset maps them. */
  static final String PAIRS = "/workspace/data/pairs.jsonl";
  static final String VALIDATED = "/workspace/data/validated";
  /** As {@link #PAIRS}, but the row on line {@link #BAD_LINE} has no {@code worse}. */
  static final String BAD_PAIRS = "/workspace/data/bad-pairs.jsonl";
  static final int BAD_LINE = 2;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> PROMPTS =
      List.of("the film was", "my day was", "the food tasted", "the service felt", "the book is", "that song sounds");
  private static final List<String> GOOD = List.of(" great", " wonderful and fun", " lovely", " really good");
  private static final List<String> BAD = List.of(" awful", " boring and slow", " terrible", " really bad");

  private KitData() {}

  /** How many pairs (and demonstrations) each dataset has. */
  static int rows() {
    return PROMPTS.size() * GOOD.size();
  }

  /** A workspace in {@code dir} with the kit's datasets written. */
  static Workspace workspace(Path dir) {
    Workspace workspace = new Workspace(dir);
    writeAll(workspace);
    return workspace;
  }

  private static void writeAll(Workspace workspace) {
    List<Map<String, String>> demonstrations = new ArrayList<>();
    List<Map<String, String>> pairs = new ArrayList<>();
    List<Map<String, String>> validated = new ArrayList<>();
    for (String prompt : PROMPTS) {
      for (int i = 0; i < GOOD.size(); i++) {
        demonstrations.add(row("prompt", prompt, "completion", GOOD.get(i)));
        pairs.add(row("question", prompt, "better", GOOD.get(i), "worse", BAD.get(i)));
        validated.add(row("prompt", prompt, "chosen", GOOD.get(i), "rejected", BAD.get(i)));
      }
    }
    workspace.write(DEMONSTRATIONS, jsonl(demonstrations));
    workspace.write(PAIRS, jsonl(pairs));
    workspace.write(VALIDATED + "/train.jsonl", jsonl(validated.subList(4, validated.size())));
    workspace.write(VALIDATED + "/validation.jsonl", jsonl(validated.subList(0, 4)));
    List<Map<String, String>> bad = new ArrayList<>(pairs);
    bad.set(BAD_LINE - 1, row("question", PROMPTS.get(0), "better", GOOD.get(0)));
    workspace.write(BAD_PAIRS, jsonl(bad));
  }

  private static Map<String, String> row(String... keysAndValues) {
    Map<String, String> row = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      row.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return row;
  }

  private static String jsonl(List<Map<String, String>> rows) {
    return rows.stream().map(KitData::json).collect(Collectors.joining("\n", "", "\n"));
  }

  private static String json(Map<String, String> row) {
    try {
      return JSON.writeValueAsString(row);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
