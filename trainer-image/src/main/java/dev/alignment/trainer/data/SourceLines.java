package dev.alignment.trainer.data;

import dev.alignment.trainer.base.BadInputException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A dataset's lines, streamed: split at \n, \r or \r\n (as {@code BufferedReader} does) and decoded as strict UTF-8;
 * a line that is not UTF-8 is reported with the byte offset of its first bad byte, and reading goes on after it.
 */
public final class SourceLines implements Closeable {
  private static final int BUFFER_BYTES = 1 << 16;

  private final String name;
  private final InputStream in;
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
  private final byte[] buffer = new byte[BUFFER_BYTES];
  private int position;
  private int limit;
  /** The file offset of {@code buffer[0]}. */
  private long bufferOffset;
  private byte[] line = new byte[256];
  private int lineLength;
  private long number;
  private boolean skipLineFeed;

  /** Reads from {@code in} (closed with this); {@code name} is what messages call it, a path or a URI. */
  SourceLines(String name, InputStream in) throws IOException {
    this.name = name;
    this.in = in;
    try {
      while (limit < LeadingBytes.NEEDED) {
        int n = read(limit, LeadingBytes.NEEDED - limit);
        if (n < 0) {
          break;
        }
        limit += n;
      }
      position = LeadingBytes.check(name, buffer, limit);
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /** The path or URI of the data. */
  public String name() {
    return name;
  }

  /** The number, from 1, of the line {@link #next()} last returned or reported. */
  public long number() {
    return number;
  }

  /** The next line, or null at the end; throws {@link RowProblem} for a line that is not UTF-8. */
  String next() throws IOException {
    if (skipLineFeed && available() && buffer[position] == '\n') {
      position++;
    }
    skipLineFeed = false;
    if (!available()) {
      return null;
    }
    number++;
    long start = bufferOffset + position;
    lineLength = 0;
    while (true) {
      int end = position;
      while (end < limit && buffer[end] != '\n' && buffer[end] != '\r') {
        end++;
      }
      append(position, end - position);
      if (end < limit) {
        skipLineFeed = buffer[end] == '\r';
        position = end + 1;
        return decode(start);
      }
      position = limit;
      if (!available()) {
        return decode(start);
      }
    }
  }

  private boolean available() throws IOException {
    if (position < limit) {
      return true;
    }
    bufferOffset += limit;
    position = 0;
    limit = 0;
    int n;
    do {
      n = read(0, buffer.length);
    } while (n == 0);
    limit = Math.max(n, 0);
    return n > 0;
  }

  /** Reads into the buffer; a failure here is the storage or network, not the data, so it stays an IOException. */
  private int read(int offset, int length) throws IOException {
    try {
      return in.read(buffer, offset, length);
    } catch (IOException e) {
      throw new IOException(name + " line " + Math.max(number, 1) + ": read failed: " + e.getMessage(), e);
    }
  }

  private void append(int from, int length) {
    if (lineLength + length > line.length) {
      long wanted = Math.max((long) line.length * 2, (long) lineLength + length);
      if (wanted > Integer.MAX_VALUE - 8) {
        throw new BadInputException(name + " line " + number + ": longer than 2 GiB; JSON Lines has one row per line");
      }
      line = Arrays.copyOf(line, (int) wanted);
    }
    System.arraycopy(buffer, from, line, lineLength, length);
    lineLength += length;
  }

  private String decode(long start) {
    ByteBuffer bytes = ByteBuffer.wrap(line, 0, lineLength);
    CharBuffer chars = CharBuffer.allocate(lineLength);
    decoder.reset();
    CoderResult result = decoder.decode(bytes, chars, true);
    if (!result.isError()) {
      result = decoder.flush(chars);
    }
    if (result.isError()) {
      throw new RowProblem("invalid UTF-8 at byte offset " + (start + bytes.position()));
    }
    return chars.flip().toString();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
