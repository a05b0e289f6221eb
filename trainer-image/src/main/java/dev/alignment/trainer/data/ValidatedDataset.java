package dev.alignment.trainer.data;

import dev.alignment.contract.DatasetFields;
import dev.alignment.trainer.base.BadInputException;
import dev.alignment.trainer.rows.PreferencePair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The output of {@code validate-dataset}: a directory with train.jsonl and validation.jsonl in prompt/chosen/rejected form. */
public record ValidatedDataset(List<PreferencePair> train, List<PreferencePair> validation) {
  public static final String TRAIN = "train.jsonl";
  public static final String VALIDATION = "validation.jsonl";
  /** The keys {@link PreferencePair} rows are written with. */
  private static final DatasetFields PAIR_FIELDS = new DatasetFields("prompt", "chosen", "rejected");

  public static ValidatedDataset read(String uri) throws IOException {
    Path dir = Uris.path(uri, "dataset");
    if (!Files.isRegularFile(dir.resolve(TRAIN))) {
      throw new BadInputException(dir + ": not a validated dataset (no " + TRAIN + "); run validate-dataset first");
    }
    return new ValidatedDataset(readPairs(dir.resolve(TRAIN)), readPairs(dir.resolve(VALIDATION)));
  }

  /** A validated dataset that has training pairs. */
  public static ValidatedDataset readForTraining(String uri) throws IOException {
    ValidatedDataset dataset = read(uri);
    if (dataset.train().isEmpty()) {
      throw new BadInputException(uri + ": no training pairs");
    }
    return dataset;
  }

  private static List<PreferencePair> readPairs(Path file) throws IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    try (SourceLines source = DatasetSource.file(file)) {
      return PreferenceReader.readAll(source, PAIR_FIELDS);
    }
  }

}
