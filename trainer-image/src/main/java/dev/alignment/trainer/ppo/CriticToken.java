package dev.alignment.trainer.ppo;

import dev.alignment.trainer.base.BadInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * The shared secret of a Split PPO attempt, read from {@code critic.tokenFile}: the actor sends it on every call as
 * {@code Authorization: Bearer <token>}, the critic compares what it gets in constant time.
 */
final class CriticToken {
  static final String HEADER = "Authorization";
  private static final String SCHEME = "Bearer ";

  private final byte[] expected;

  private CriticToken(String token) {
    this.expected = (SCHEME + token).getBytes(StandardCharsets.UTF_8);
  }

  /** The token in {@code file} (surrounding whitespace dropped); a missing, unreadable or empty file is bad input. */
  static CriticToken read(String file) {
    String token;
    try {
      token = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
    } catch (IOException | RuntimeException e) {
      throw new BadInputException("critic.tokenFile: cannot read " + file + ": " + e.getMessage(), e);
    }
    if (token.isEmpty()) {
      throw new BadInputException("critic.tokenFile: " + file + " is empty");
    }
    return new CriticToken(token);
  }

  /** A token given as it is, for tests. */
  static CriticToken of(String token) {
    return new CriticToken(token);
  }

  /** The value of the {@link #HEADER} header the actor sends. */
  String header() {
    return new String(expected, StandardCharsets.UTF_8);
  }

  /** Whether an {@link #HEADER} header value carries this token; null (no header) never does. */
  boolean accepts(String header) {
    return header != null && MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.UTF_8));
  }
}
