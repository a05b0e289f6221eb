package dev.alignment.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alignment.trainer.base.BadInputException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every dataset reader turns each kind of undecodable file into bad input naming the file and, where there is one, the line. */
class DatasetReadersTest {
  @TempDir Path work;

  /** A reader, the JSON line of one of its rows for a given prompt, and where its file goes. */
  enum Reader {
    DEMONSTRATIONS(p -> "{\"prompt\": \"" + p + "\", \"completion\": \"fine .\"}") {
      @Override
      void read(Path file) throws IOException {
        DemonstrationReader.demonstrations(Uris.of(file), Optional.empty());
      }
    },
    PROMPTS(p -> "{\"prompt\": \"" + p + "\"}") {
      @Override
      void read(Path file) throws IOException {
        DemonstrationReader.prompts(Uris.of(file), Optional.empty());
      }
    },
    VALIDATED_DATASET(p -> "{\"prompt\": \"" + p + "\", \"chosen\": \"good .\", \"rejected\": \"bad .\"}") {
      @Override
      Path file(Path work) throws IOException {
        return Files.createDirectories(work.resolve("dataset")).resolve(ValidatedDataset.TRAIN);
      }

      @Override
      void read(Path file) throws IOException {
        ValidatedDataset.read(Uris.of(file.getParent()), Optional.empty());
      }
    };

    final UnaryOperator<String> row;

    Reader(UnaryOperator<String> row) {
      this.row = row;
    }

    Path file(Path work) throws IOException {
      return work.resolve("data.jsonl");
    }

    abstract void read(Path file) throws IOException;
  }

  private Path write(Reader reader, byte[] bytes) throws IOException {
    Path file = reader.file(work);
    Files.write(file, bytes);
    return file;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @EnumSource(Reader.class)
  void invalidUtf8NamesFileLineAndByteOffset(Reader reader) throws IOException {
    byte[] first = utf8(reader.row.apply("the plot was") + "\n");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    byte[] beforeBadByte = utf8("{\"prompt\": \"caf");
    bytes.writeBytes(first);
    bytes.writeBytes(beforeBadByte);
    bytes.write(0xe9);
    bytes.writeBytes(utf8("\"}\n"));
    Path file = write(reader, bytes.toByteArray());

    assertThatThrownBy(() -> reader.read(file)).isInstanceOf(BadInputException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("line 2: invalid UTF-8 at byte offset " + (first.length + beforeBadByte.length));
  }

  @ParameterizedTest
  @EnumSource(Reader.class)
  void utf16WithAndWithoutByteOrderMarkIsBadInputNamingTheFile(Reader reader) throws IOException {
    String text = reader.row.apply("the plot was") + "\n";
    Path withMark = write(reader, text.getBytes(StandardCharsets.UTF_16));
    assertThatThrownBy(() -> reader.read(withMark)).isInstanceOf(BadInputException.class)
        .hasMessage(withMark + ": is UTF-16 or UTF-32 (it starts with a byte order mark); JSON Lines must be UTF-8:"
            + " convert it, e.g. iconv -f UTF-16 -t UTF-8");
    Path without = write(reader, text.getBytes(StandardCharsets.UTF_16LE));
    assertThatThrownBy(() -> reader.read(without)).isInstanceOf(BadInputException.class)
        .hasMessageStartingWith(without + ": looks UTF-16 or UTF-32 (NUL bytes at the start)");
  }

  @ParameterizedTest
  @EnumSource(Reader.class)
  void gzipIsBadInputNamingTheFile(Reader reader) throws IOException {
    ByteArrayOutputStream gzip = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(gzip)) {
      out.write(utf8(reader.row.apply("the plot was") + "\n"));
    }
    Path file = write(reader, gzip.toByteArray());
    assertThatThrownBy(() -> reader.read(file)).isInstanceOf(BadInputException.class)
        .hasMessageStartingWith(file + ": looks gzip-compressed (it starts with the gzip bytes 1f 8b); decompress it");
  }

  @ParameterizedTest
  @EnumSource(Reader.class)
  void aLoneSurrogateEscapeNamesFileLineAndField(Reader reader) throws IOException {
    Path file = write(reader, utf8(reader.row.apply("the plot was") + "\n" + reader.row.apply("caf\\ud800 was") + "\n"));
    assertThatThrownBy(() -> reader.read(file)).isInstanceOf(BadInputException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("line 2: field 'prompt' has an unpaired surrogate \\ud800 at character 3");
  }

  @ParameterizedTest
  @EnumSource(Reader.class)
  void aDirectoryIsBadInputNamingIt(Reader reader) throws IOException {
    Path file = reader.file(work);
    if (reader == Reader.VALIDATED_DATASET) {
      Files.writeString(file, reader.row.apply("the plot was") + "\n");
      file = file.resolveSibling(ValidatedDataset.VALIDATION);
    }
    Path directory = Files.createDirectories(file);
    assertThatThrownBy(() -> reader.read(directory)).isInstanceOf(BadInputException.class)
        .hasMessage(directory + ": is a directory, not a JSON Lines file");
  }

  /** A key with spaces ended Gson's message (its path) and was echoed whole; the message now keeps a short start. */
  @ParameterizedTest
  @EnumSource(Reader.class)
  void aHugeBadLineIsNotEchoed(Reader reader) throws IOException {
    String key = "word ".repeat(400_000);
    Path file = write(reader, utf8(reader.row.apply("the plot was") + "\n{\"" + key + "\" 1}\n"));
    assertThatThrownBy(() -> reader.read(file)).isInstanceOf(BadInputException.class)
        .hasMessageContaining(file + ": 1 malformed line: line 2: bad JSON: Expected ':' at column ")
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(1_000));
  }
}
