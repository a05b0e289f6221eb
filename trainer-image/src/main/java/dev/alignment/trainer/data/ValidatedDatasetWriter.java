package dev.alignment.trainer.data;

import dev.alignment.trainer.base.Json;
import dev.alignment.trainer.rows.PreferenceConversation;
import dev.alignment.trainer.rows.PreferenceRow;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;

/**
 * Writes {@code validate-dataset}'s output as the rows stream in: exact duplicates and then ties (chosen equals
 * rejected) skipped and counted, the rest split into train.jsonl and validation.jsonl, one JSON line each (a
 * conversational row with its explicit prompt, every message as {@code {"role", "content"}}).
 */
public final class ValidatedDatasetWriter implements Closeable {
  private final Path validationFile;
  private final DatasetSplit split;
  private final MessageDigest digest = Sha256.create();
  private final Writer train;
  private final Writer validation;
  /** 128 bits of each distinct line's SHA-256 rather than the line: memory per row stays small and fixed. */
  private final Set<LineKey> seen = new HashSet<>();
  private int rows;
  private int conversationalRows;
  private int duplicates;
  private int ties;
  private int trainPairs;
  private int validationPairs;

  public ValidatedDatasetWriter(Path dir, DatasetSplit split) throws IOException {
    this.split = split;
    this.validationFile = dir.resolve(ValidatedDataset.VALIDATION);
    this.train = writer(new DigestOutputStream(Files.newOutputStream(dir.resolve(ValidatedDataset.TRAIN)), digest));
    this.validation = writer(Files.newOutputStream(validationFile));
  }

  public void add(PreferenceRow row) throws IOException {
    rows++;
    if (row instanceof PreferenceConversation) {
      conversationalRows++;
    }
    String line = Json.GSON.toJson(row);
    if (!seen.add(LineKey.of(line))) {
      duplicates++;
    } else if (row.isTie()) {
      ties++;
    } else if (split.isValidation(row)) {
      write(validation, line);
      validationPairs++;
    } else {
      write(train, line);
      trainPairs++;
    }
  }

  /**
   * Closes both files and sums them up; the digest is sha256 over the train lines, then the validation lines, each
   * newline-terminated: the bytes of train.jsonl (digested while written) followed by those of validation.jsonl.
   */
  public Summary finish() throws IOException {
    close();
    try (InputStream in = new DigestInputStream(Files.newInputStream(validationFile), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return new Summary(rows, conversationalRows, trainPairs, validationPairs, duplicates, ties, "sha256:" + HexFormat.of().formatHex(digest.digest()));
  }

  @Override
  public void close() throws IOException {
    try (validation) {
      train.close();
    }
  }

  private static void write(Writer writer, String line) throws IOException {
    writer.write(line);
    writer.write('\n');
  }

  /** UTF-8 that refuses what it cannot encode rather than writing '?'. */
  private static Writer writer(OutputStream out) {
    return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8.newEncoder()));
  }

  /** What {@code validate-dataset} counted and the digest of its output. */
  public record Summary(int rows, int conversationalRows, int trainPairs, int validationPairs, int duplicates, int ties, String digest) {
    /** Conversational when any row was: a dataset that mixed the two was refused while it was read. */
    public DatasetFormat format() {
      return conversationalRows > 0 ? DatasetFormat.CONVERSATIONAL : DatasetFormat.STANDARD;
    }
  }

  private record LineKey(long high, long low) {
    static LineKey of(String line) {
      ByteBuffer hash = ByteBuffer.wrap(Sha256.create().digest(line.getBytes(StandardCharsets.UTF_8)));
      return new LineKey(hash.getLong(), hash.getLong());
    }
  }
}
