package dev.alignment.trainer.data;

import dev.alignment.trainer.base.BadInputException;

/**
 * Recognises from a dataset's first bytes what the UTF-8 JSON Lines reader cannot take (gzip, UTF-16 or UTF-32, with
 * or without a byte order mark) and the UTF-8 byte order mark it skips.
 */
final class LeadingBytes {
  /** Enough to tell the cases apart. */
  static final int NEEDED = 4;

  private LeadingBytes() {}

  /** The number of leading bytes to skip (a UTF-8 byte order mark), or bad input naming {@code name}. */
  static int check(String name, byte[] bytes, int length) {
    if (length < 2) {
      return 0;
    }
    int first = bytes[0] & 0xff;
    int second = bytes[1] & 0xff;
    if (first == 0x1f && second == 0x8b) {
      throw new BadInputException(name + ": looks gzip-compressed (it starts with the gzip bytes 1f 8b); decompress it"
          + " (gunzip) and point the dataset at the uncompressed JSON Lines file");
    }
    if ((first == 0xfe && second == 0xff) || (first == 0xff && second == 0xfe)) {
      throw new BadInputException(name + ": is UTF-16 or UTF-32 (it starts with a byte order mark); JSON Lines must be"
          + " UTF-8: convert it, e.g. iconv -f UTF-16 -t UTF-8");
    }
    if (first == 0 || second == 0) {
      throw new BadInputException(name + ": looks UTF-16 or UTF-32 (NUL bytes at the start); JSON Lines must be UTF-8:"
          + " convert it, e.g. iconv -f UTF-16LE -t UTF-8");
    }
    boolean utf8Mark = length >= 3 && first == 0xef && second == 0xbb && (bytes[2] & 0xff) == 0xbf;
    return utf8Mark ? 3 : 0;
  }
}
