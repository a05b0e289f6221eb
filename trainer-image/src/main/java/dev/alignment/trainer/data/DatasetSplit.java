package dev.alignment.trainer.data;

import dev.alignment.trainer.base.Json;
import dev.alignment.trainer.rows.PreferencePair;
import dev.alignment.trainer.rows.PreferenceRow;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Assigns a row to validation by a seeded hash of its content, so adding rows never moves existing ones. */
public record DatasetSplit(double validationFraction, long seed) {
  /** A standard row hashes as prompt, chosen and rejected joined by NULs; a conversational one as its JSON line. */
  public boolean isValidation(PreferenceRow row) {
    String content = row instanceof PreferencePair pair
        ? pair.prompt() + '\u0000' + pair.chosen() + '\u0000' + pair.rejected()
        : Json.GSON.toJson(row);
    MessageDigest sha = Sha256.create();
    sha.update(ByteBuffer.allocate(Long.BYTES).putLong(seed).array());
    sha.update(content.getBytes(StandardCharsets.UTF_8));
    long bits = ByteBuffer.wrap(sha.digest()).getLong() >>> 11;
    return bits * 0x1.0p-53 < validationFraction;
  }
}
