package dev.alignment.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alignment.trainer.base.BadInputException;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** The streamed reader: BufferedReader's line ends, strict UTF-8 with byte offsets, and the encodings it refuses. */
class SourceLinesTest {
  private static SourceLines of(byte[] bytes) throws IOException {
    return new SourceLines("data.jsonl", new ByteArrayInputStream(bytes));
  }

  private static List<String> all(SourceLines lines) throws IOException {
    List<String> out = new ArrayList<>();
    for (String line = lines.next(); line != null; line = lines.next()) {
      out.add(line);
    }
    return out;
  }

  @Test
  void linesEndWhereBufferedReaderEndsThem() throws IOException {
    for (String text : List.of("", "a", "a\n", "a\n\n", "a\r\nb", "a\rb\r", "\n", "\r\n\r\n", "a\r\r\nb\n\rc", "x\n\ny\r\n")) {
      List<String> expected = new BufferedReader(new StringReader(text)).lines().toList();
      assertThat(all(of(text.getBytes(StandardCharsets.UTF_8)))).as("%s", text.replace("\r", "\\r").replace("\n", "\\n"))
          .isEqualTo(expected);
    }
  }

  @Test
  void aLineLongerThanTheBufferAndMultiByteCharactersAcrossItsEdgeAreWhole() throws IOException {
    String line = "é".repeat(100_000) + "🎬";
    assertThat(all(of((line + "\nnext").getBytes(StandardCharsets.UTF_8)))).containsExactly(line, "next");
  }

  @Test
  void aLineThatIsNotUtf8IsReportedWithTheFileOffsetOfItsBadByteAndReadingGoesOn() throws IOException {
    byte[] first = "{\"a\": 1}\r\n".getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(first);
    bytes.writeBytes("x".repeat(70_000).getBytes(StandardCharsets.UTF_8));
    bytes.write(0xe9); // Latin-1 é
    bytes.writeBytes("\nlast".getBytes(StandardCharsets.UTF_8));
    SourceLines lines = of(bytes.toByteArray());

    assertThat(lines.next()).isEqualTo("{\"a\": 1}");
    assertThatThrownBy(lines::next).isInstanceOf(RowProblem.class)
        .hasMessage("invalid UTF-8 at byte offset " + (first.length + 70_000));
    assertThat(lines.number()).isEqualTo(2);
    assertThat(lines.next()).isEqualTo("last");
    assertThat(lines.number()).isEqualTo(3);
  }

  @Test
  void aUtf8ByteOrderMarkIsSkipped() throws IOException {
    assertThat(all(of(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, '{', '}'}))).containsExactly("{}");
  }

  @Test
  void gzipUtf16AndUtf32AreRefusedNamingTheFile() throws IOException {
    ByteArrayOutputStream gzip = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gzip)) {
      out.write("{}\n".getBytes(StandardCharsets.UTF_8));
    }
    assertThatThrownBy(() -> of(gzip.toByteArray())).isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("data.jsonl: looks gzip-compressed");
    assertThatThrownBy(() -> of("{}\n".getBytes(StandardCharsets.UTF_16))).isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("data.jsonl: is UTF-16 or UTF-32 (it starts with a byte order mark)");
    assertThatThrownBy(() -> of("{}\n".getBytes(StandardCharsets.UTF_16LE))).isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("data.jsonl: looks UTF-16 or UTF-32 (NUL bytes at the start)");
    assertThatThrownBy(() -> of("{}\n".getBytes(StandardCharsets.UTF_16BE))).isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("data.jsonl: looks UTF-16 or UTF-32");
  }

  /** A read that fails mid-file is the storage's fault, not the data's: an IOException (retryable) naming file and line. */
  @Test
  void aReadFailureStaysAnIoExceptionNamingTheFileAndLine() throws IOException {
    InputStream failing = new InputStream() {
      private final InputStream text = new ByteArrayInputStream("{}\n{}\n{".getBytes(StandardCharsets.UTF_8));

      @Override
      public int read() throws IOException {
        int b = text.read();
        if (b < 0) {
          throw new IOException("Input/output error");
        }
        return b;
      }
    };
    SourceLines lines = new SourceLines("data.jsonl", failing);
    assertThat(lines.next()).isEqualTo("{}");
    assertThat(lines.next()).isEqualTo("{}");
    assertThatThrownBy(lines::next).isExactlyInstanceOf(IOException.class)
        .hasMessage("data.jsonl line 3: read failed: Input/output error");
  }
}
