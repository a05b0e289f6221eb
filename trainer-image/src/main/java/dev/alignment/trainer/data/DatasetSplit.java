package dev.alignment.trainer.data;

import dev.alignment.trainer.rows.PreferencePair;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Assigns a pair to validation by a seeded hash of its content, so adding rows never moves existing ones. */
public record DatasetSplit(double validationFraction, long seed) {
  public boolean isValidation(PreferencePair pair) {
    MessageDigest sha = Sha256.create();
    sha.update(ByteBuffer.allocate(Long.BYTES).putLong(seed).array());
    sha.update((pair.prompt() + '\u0000' + pair.chosen() + '\u0000' + pair.rejected()).getBytes(StandardCharsets.UTF_8));
    long bits = ByteBuffer.wrap(sha.digest()).getLong() >>> 11;
    return bits * 0x1.0p-53 < validationFraction;
  }
}
