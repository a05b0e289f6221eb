package dev.alignment.trainer.metrics;

import dev.alignment.contract.ContractJson;
import dev.alignment.contract.StageSummary;
import dev.alignment.trainer.base.StageResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the exit summary (the contract's {@link StageSummary}) the operator copies into status, kept under the
 * kubelet's 4 KiB termination-message limit.
 */
public final class TerminationLog {
  public static final String DEFAULT_PATH = "/dev/termination-log";
  public static final String PATH_ENV = "ALIGNMENT_TERMINATION_LOG";
  static final int LIMIT_BYTES = 4000;

  private TerminationLog() {}

  public static Path path(Map<String, String> env) {
    return Path.of(env.getOrDefault(PATH_ENV, DEFAULT_PATH));
  }

  public static void write(Path path, StageResult result) throws IOException {
    // getBytes, unlike writeString, writes '?' for an unpaired surrogate a message may quote instead of failing.
    Files.write(path, json(result).getBytes(StandardCharsets.UTF_8));
  }

  /** The summary as JSON; a long message is shortened, keeping its start, until the whole fits. */
  static String json(StageResult result) {
    String message = result.message();
    while (true) {
      Map<String, Double> finite = new LinkedHashMap<>();
      result.metrics().forEach((k, v) -> {
        if (Double.isFinite(v)) {
          finite.put(k, v);
        }
      });
      String json = ContractJson.write(new StageSummary(result.output(), finite, result.digest(), message));
      int excess = json.getBytes(StandardCharsets.UTF_8).length - LIMIT_BYTES;
      if (excess <= 0 || message == null) {
        return json;
      }
      int keep = message.length() - excess - 3;
      if (keep > 0 && Character.isHighSurrogate(message.charAt(keep - 1))) {
        keep--;
      }
      message = keep > 0 ? message.substring(0, keep) + "..." : null;
    }
  }
}
