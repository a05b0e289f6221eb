package dev.alignment.trainer.data;

import dev.alignment.trainer.base.BadInputException;
import dev.alignment.trainer.rows.Demonstration;
import java.io.IOException;
import java.util.List;

/** Reads SFT data: JSON Lines demonstrations ({@code prompt}, {@code completion}) or a validated preference dataset's chosen side. */
public final class DemonstrationReader {
  private DemonstrationReader() {}

  public static List<Demonstration> demonstrations(String uri) throws IOException {
    try (SourceLines source = DatasetSource.open(uri)) {
      return JsonlParser.parseAll(source,
          row -> new Demonstration(JsonlParser.text(row, "prompt"), JsonlParser.text(row, "completion")));
    }
  }

  public static List<Demonstration> chosenOf(String validatedDatasetUri) throws IOException {
    return ValidatedDataset.read(validatedDatasetUri).train().stream()
        .map(p -> new Demonstration(p.prompt(), p.chosen())).toList();
  }

  /** Prompts for sampling, at least one: JSON Lines with a {@code prompt} field, or {@code builtin://sentiment/prompts}. */
  public static List<String> prompts(String uri) throws IOException {
    List<String> prompts;
    try (SourceLines source = DatasetSource.open(uri)) {
      prompts = JsonlParser.parseAll(source, row -> JsonlParser.text(row, "prompt"));
    }
    if (prompts.isEmpty()) {
      throw new BadInputException(uri + ": no prompts");
    }
    return prompts;
  }
}
