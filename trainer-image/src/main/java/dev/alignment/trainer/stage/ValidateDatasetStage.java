package dev.alignment.trainer.stage;

import dev.alignment.trainer.BadInputException;
import dev.alignment.trainer.StageConfig;
import dev.alignment.trainer.StageResult;
import dev.alignment.trainer.data.DatasetSource;
import dev.alignment.trainer.data.DatasetSplit;
import dev.alignment.trainer.data.FieldMapping;
import dev.alignment.trainer.data.PreferencePair;
import dev.alignment.trainer.data.PreferenceReader;
import dev.alignment.trainer.data.SourceLines;
import dev.alignment.trainer.data.Uris;
import dev.alignment.trainer.data.ValidatedDataset;
import dev.alignment.trainer.model.AtomicDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a preference dataset and writes it normalized: every malformed line fails the stage (exit 2) with its line
 * number and problem; exact duplicates and ties (chosen equals rejected) are skipped and counted; the rest is split into
 * train.jsonl and validation.jsonl by a seeded content hash, with a sha256 digest of both.
 */
final class ValidateDatasetStage implements Stage {
  @Override
  public StageResult run(StageContext context) throws IOException {
    StageConfig config = context.config();
    double fraction = config.number("validationFraction", 0.1);
    if (fraction < 0 || fraction > 0.5) {
      throw config.invalid("validationFraction", "must be in [0, 0.5], got " + fraction);
    }
    SourceLines source = DatasetSource.read(config.string("source"));
    List<PreferencePair> rows = PreferenceReader.read(source, fields(config));
    Set<PreferencePair> unique = new LinkedHashSet<>(rows);
    int duplicates = rows.size() - unique.size();
    int ties = 0;
    DatasetSplit split = new DatasetSplit(fraction, config.longValue("seed", 0));
    List<PreferencePair> train = new ArrayList<>();
    List<PreferencePair> validation = new ArrayList<>();
    for (PreferencePair pair : unique) {
      if (pair.chosen().equals(pair.rejected())) {
        ties++;
      } else {
        (split.isValidation(pair) ? validation : train).add(pair);
      }
    }
    if (train.isEmpty()) {
      throw new BadInputException(source.name() + ": no usable preference pairs in " + rows.size() + " rows");
    }
    List<String> trainLines = ValidatedDataset.lines(train);
    List<String> validationLines = ValidatedDataset.lines(validation);
    AtomicDirectory.write(context.outputDir(), dir -> {
      Files.write(dir.resolve(ValidatedDataset.TRAIN), trainLines);
      Files.write(dir.resolve(ValidatedDataset.VALIDATION), validationLines);
    });
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("rows", (double) rows.size());
    metrics.put("trainPairs", (double) train.size());
    metrics.put("validationPairs", (double) validation.size());
    metrics.put("skippedRows", (double) (duplicates + ties));
    metrics.put("duplicates", (double) duplicates);
    metrics.put("ties", (double) ties);
    context.progress().values(metrics);
    return new StageResult(Uris.of(context.outputDir()), metrics, digest(trainLines, validationLines), String.format(
        "%d rows: %d train, %d validation, %d skipped (%d duplicates, %d ties)",
        rows.size(), train.size(), validation.size(), duplicates + ties, duplicates, ties));
  }

  private static FieldMapping fields(StageConfig config) {
    return config.optObject("fields").map(f -> new FieldMapping(
        f.optString("prompt").orElse("prompt"), f.optString("chosen").orElse("chosen"), f.optString("rejected").orElse("rejected")))
        .orElse(FieldMapping.DEFAULT);
  }

  /** sha256 over the normalized train lines, then the validation lines, each line newline-terminated. */
  private static String digest(List<String> train, List<String> validation) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (List<String> lines : List.of(train, validation)) {
        for (String line : lines) {
          sha.update((line + "\n").getBytes(StandardCharsets.UTF_8));
        }
      }
      return "sha256:" + HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }
}
