package dev.alignment.operator.stage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one home of the names of the objects the operator derives from an owner's name:
 * {@code <owner>-<stage>[-<role>]-<attempt>} for stage Jobs, {@code <owner>-<stage>-<attempt>} for stage JobSets,
 * {@code <owner>-<stage>-<role>} for Services,
 * {@code <owner>-<stage>-config} for stage ConfigMaps, {@code <sweep>-leaderboard[-<part>]} for a sweep's table and
 * {@code <sweep>-<8 hex>} for its child runs. A Job or Service name that would be too long, or not valid for its
 * kind (a Service name must be a DNS-1035 label: it starts with a letter and has no dots), is shortened to a
 * readable prefix plus a hash of the full name, so it stays valid, stable and distinct.
 */
public final class DerivedNames {
  /** Names become label values (Job names, in {@code job-name}) or DNS labels (Services): 63 characters. */
  static final int MAX_LENGTH = 63;
  private static final int HASH_LENGTH = 10;
  private static final Pattern DNS_1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS_1123_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  private DerivedNames() {}

  /** The Job of a stage attempt, or of one role of it. */
  public static String job(String owner, String stage, String role, int attempt) {
    String name = owner + "-" + stage + "-" + (role == null ? "" : role + "-") + attempt;
    return valid(name, DNS_1123_SUBDOMAIN) ? name : shortened(name);
  }

  /**
   * The JobSet of a stage attempt, {@code <owner>-<stage>-<attempt>}: a DNS-1035 label short enough that
   * {@code reserved} more characters fit in 63 (the JobSet controller names Jobs, pods and hostnames after it),
   * shortened like other names where it is not.
   */
  public static String jobSet(String owner, String stage, int attempt, int reserved) {
    String name = owner + "-" + stage + "-" + attempt;
    int max = MAX_LENGTH - reserved;
    return name.length() <= max && DNS_1035_LABEL.matcher(name).matches() ? name : shortened(name, max);
  }

  /** The headless Service through which peers reach a serving role. */
  public static String service(String owner, String stage, String role) {
    String name = owner + "-" + stage + "-" + role;
    return valid(name, DNS_1035_LABEL) ? name : shortened(name);
  }

  /** A Secret's name: {@code name} when it is a valid one, else shortened like other names. */
  static String secret(String name) {
    return valid(name, DNS_1123_SUBDOMAIN) ? name : shortened(name);
  }

  /** The ConfigMap holding a stage's config, mounted by every attempt of it. */
  public static String stageConfigMap(String owner, String stage) {
    return owner + "-" + stage + "-config";
  }

  /** Part {@code part} of a sweep's leaderboard table; part 0 is the one status names. */
  public static String leaderboard(String sweep, int part) {
    return sweep + "-leaderboard" + (part == 0 ? "" : "-" + part);
  }

  /**
   * A sweep's child run, {@code <sweep>-<8 hex digits of the spec's digest>}: the same cell of the same template
   * always gets the same name, and any change to a child's spec gives it a new name. {@code slot} 0 takes the
   * digest's first 4 bytes; a later slot the next 4, for a spec whose first 4 bytes another spec of the sweep has.
   */
  public static String sweepChild(String sweep, byte[] digest, int slot) {
    return sweep + "-" + HexFormat.of().formatHex(digest, 4 * slot, 4 * slot + 4);
  }

  private static boolean valid(String name, Pattern pattern) {
    return name.length() <= MAX_LENGTH && pattern.matcher(name).matches();
  }

  private static String shortened(String name) {
    return shortened(name, MAX_LENGTH);
  }

  /**
   * A DNS-1035 label (hence also a valid subdomain and label value) of at most {@code max} characters: a cleaned
   * prefix, then a hash of the name.
   */
  private static String shortened(String name, int max) {
    String cleaned = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceFirst("^[^a-z]+", "");
    String prefix = cleaned.substring(0, Math.max(0, Math.min(cleaned.length(), max - HASH_LENGTH - 1)))
        .replaceFirst("-+$", "");
    return (prefix.isEmpty() ? "x" : prefix) + "-" + sha256(name).substring(0, HASH_LENGTH);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
