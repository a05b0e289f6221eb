package dev.alignment.operator.sweep;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * What the operator keeps about one generation of a sweep between reconciles: its layout (or why it has none), the
 * children the API server refused to create, and which leaderboard table was last written.
 */
public final class SweepState {
  private final String uid;
  private final long generation;
  private final SweepLayout layout;
  private final String invalid;
  private final Map<String, String> rejected = new HashMap<>();
  private Long tableVersion;
  private Integer tableParts;
  private Instant tableTriedAt;
  private String tableError;

  SweepState(String uid, long generation, SweepLayout layout, String invalid) {
    this.uid = uid;
    this.generation = generation;
    this.layout = layout;
    this.invalid = invalid;
  }

  boolean describes(String uid, long generation) {
    return this.uid.equals(uid) && this.generation == generation;
  }

  /** The cells and names; null when the matrix is invalid. */
  public SweepLayout layout() {
    return layout;
  }

  /** Why the matrix cannot run; null when it can. */
  public String invalid() {
    return invalid;
  }

  /**
   * Children the API server refused, by name, with its message. Kept only in memory: after a restart each is tried
   * once more and refused again, in the same bounded batches.
   */
  public Map<String, String> rejected() {
    return rejected;
  }

  /** The version of the table last written; null before the first write. */
  Long tableVersion() {
    return tableVersion;
  }

  /** When the table was last written or tried; null before the first try. */
  Instant tableTriedAt() {
    return tableTriedAt;
  }

  /** Why the last try to write the table failed; null if it did not. */
  String tableError() {
    return tableError;
  }

  /** How many ConfigMaps the table last written took; null before the first write. */
  Integer tableParts() {
    return tableParts;
  }

  void tableWritten(long version, int parts, Instant at) {
    tableVersion = version;
    tableParts = parts;
    tableTriedAt = at;
    tableError = null;
  }

  void tableFailed(String error, Instant at) {
    tableTriedAt = at;
    tableError = error;
  }
}
