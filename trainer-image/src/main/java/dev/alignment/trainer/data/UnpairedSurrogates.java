package dev.alignment.trainer.data;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;

/**
 * Finds text that is not Unicode: an unpaired surrogate, which a JSON escape of half a surrogate pair produces and
 * which no UTF-8 file can hold.
 */
final class UnpairedSurrogates {
  private static final int CHUNK_BYTES = 256;

  private UnpairedSurrogates() {}

  /** The index of the first unpaired surrogate, if any. */
  static OptionalInt first(String text) {
    CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    CharBuffer in = CharBuffer.wrap(text);
    ByteBuffer out = ByteBuffer.allocate(CHUNK_BYTES);
    while (true) {
      CoderResult result = encoder.encode(in, out, true);
      if (result.isError()) {
        return OptionalInt.of(in.position());
      }
      if (result.isUnderflow()) {
        return OptionalInt.empty();
      }
      out.clear();
    }
  }
}
