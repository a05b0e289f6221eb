package dev.alignment.operator.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alignment.api.v1alpha1.AlignmentSweep;
import dev.alignment.api.v1alpha1.LeaderboardEntry;
import dev.alignment.operator.job.Ownership;
import dev.alignment.operator.stage.DerivedNames;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * A sweep's full leaderboard, every cell in ranking order, as gzipped JSON lines (one {@link LeaderboardEntry} per
 * line) in the binaryData of owned ConfigMaps: status holds only the first entries. 10,000 typical entries gzip to
 * about 220 KB, one ConfigMap; a table over {@link #PART_BYTES} (long messages, long values) is split into parts
 * named by {@link DerivedNames#leaderboard}, whose bytes joined in order are one gzip stream.
 */
public final class LeaderboardConfigMap {
  /** The binaryData key of the table. */
  public static final String KEY = "leaderboard.jsonl.gz";
  /** Most bytes of one part: a ConfigMap's data may hold 1 MiB (1,048,576 bytes). */
  static final int PART_BYTES = 1_000_000;

  private static final ObjectMapper JSON = new ObjectMapper();

  private LeaderboardConfigMap() {}

  /** The table's content: gzipped JSON lines of the entries, in their order. */
  public static byte[] gzippedLines(List<LeaderboardEntry> entries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      for (LeaderboardEntry entry : entries) {
        gzip.write(JSON.writeValueAsBytes(entry));
        gzip.write('\n');
      }
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** The ConfigMaps holding {@code gzipped}, at most {@link #PART_BYTES} each, owned by the sweep and labelled with it. */
  public static List<ConfigMap> parts(AlignmentSweep sweep, byte[] gzipped) {
    List<ConfigMap> parts = new ArrayList<>();
    for (int from = 0; from < gzipped.length; from += PART_BYTES) {
      byte[] part = Arrays.copyOfRange(gzipped, from, Math.min(gzipped.length, from + PART_BYTES));
      parts.add(new ConfigMapBuilder()
          .withNewMetadata()
          .withName(DerivedNames.leaderboard(sweep.getMetadata().getName(), parts.size()))
          .withNamespace(sweep.getMetadata().getNamespace())
          .addToLabels(SweepChildren.SWEEP_LABEL, sweep.getMetadata().getName())
          .withOwnerReferences(Ownership.controllerReference(sweep))
          .endMetadata()
          .addToBinaryData(KEY, Base64.getEncoder().encodeToString(part))
          .build());
    }
    return parts;
  }
}
