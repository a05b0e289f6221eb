package dev.alignment.trainer.data;

import dev.alignment.contract.DatasetFields;
import dev.alignment.trainer.base.BadInputException;
import dev.alignment.trainer.rows.PreferencePair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The output of {@code validate-dataset}: a directory with train.jsonl and validation.jsonl, rows keyed prompt, chosen and
 * rejected (strings, or lists of messages with an explicit prompt), read as text pairs.
 */
public record ValidatedDataset(List<PreferencePair> train, List<PreferencePair> validation) {
  public static final String TRAIN = "train.jsonl";
  public static final String VALIDATION = "validation.jsonl";
  /** The keys {@link PreferencePair} rows are written with. */
  private static final DatasetFields PAIR_FIELDS = new DatasetFields("prompt", "chosen", "rejected");

  /** The pairs as text, conversational rows rendered by {@code renderer} as TRL renders them. */
  public static ValidatedDataset read(String uri, Optional<? extends ChatRenderer> renderer) throws IOException {
    Path dir = Uris.path(uri, "dataset");
    if (!Files.isRegularFile(dir.resolve(TRAIN))) {
      throw new BadInputException(dir + ": not a validated dataset (no " + TRAIN + "); run validate-dataset first");
    }
    ChatText text = new ChatText(uri, renderer);
    return new ValidatedDataset(readPairs(dir.resolve(TRAIN), text), readPairs(dir.resolve(VALIDATION), text));
  }

  /** A validated dataset that has training pairs, conversational rows rendered by {@code renderer}. */
  public static ValidatedDataset readForTraining(String uri, Optional<? extends ChatRenderer> renderer) throws IOException {
    ValidatedDataset dataset = read(uri, renderer);
    if (dataset.train().isEmpty()) {
      throw new BadInputException(uri + ": no training pairs");
    }
    return dataset;
  }

  private static List<PreferencePair> readPairs(Path file, ChatText text) throws IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    try (SourceLines source = DatasetSource.file(file)) {
      return PreferenceReader.readAll(source, PAIR_FIELDS, text);
    }
  }
}
