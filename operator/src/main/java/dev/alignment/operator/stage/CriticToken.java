package dev.alignment.operator.stage;

/**
 * The Split PPO critic's shared secret: one Secret per stage attempt, {@code <owner>-<stage>-token-<attempt>},
 * mounted read-only into the actor's and the critic's pod, whose file the stage config names
 * ({@code critic.tokenFile}).
 */
public final class CriticToken {
  /** Where both roles' pods mount the Secret. */
  public static final String DIR = "/etc/alignment/critic";
  /** The Secret's key, and so the file's name in {@link #DIR}. */
  public static final String KEY = "token";
  /** What the config's {@code critic.tokenFile} says. */
  public static final String FILE = DIR + "/" + KEY;

  private CriticToken() {}

  /** The Secret of a stage attempt: a new attempt gets a new secret, so a lingering pod of an old one is refused. */
  public static String secretName(String owner, String stage, int attempt) {
    return DerivedNames.secret(owner + "-" + stage + "-token-" + attempt);
  }
}
