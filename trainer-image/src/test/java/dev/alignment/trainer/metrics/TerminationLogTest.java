package dev.alignment.trainer.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.alignment.trainer.base.StageResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The termination message stays valid JSON under the kubelet's 4 KiB limit. */
class TerminationLogTest {
  @Test
  void aLongMessageIsShortenedToFit() {
    String json = TerminationLog.json(new StageResult("file:///w/m", Map.of("loss", 0.25), "sha256:ab", "x".repeat(10_000)));
    assertThat(json.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(TerminationLog.LIMIT_BYTES);
    JsonObject parsed = JsonParser.parseString(json).getAsJsonObject();
    assertThat(parsed.get("message").getAsString()).startsWith("xxx").endsWith("...");
    assertThat(parsed.getAsJsonObject("metrics").get("loss").getAsDouble()).isEqualTo(0.25);
    assertThat(parsed.get("output").getAsString()).isEqualTo("file:///w/m");
  }

  /** Shortening never leaves half a surrogate pair, wherever the cut falls among emoji. */
  @Test
  void shorteningKeepsSurrogatePairsWhole() {
    for (int pad = 0; pad < 4; pad++) {
      String json = TerminationLog.json(StageResult.ofMessage("x".repeat(pad) + "\uD83C\uDFAC".repeat(1_100)));
      String message = JsonParser.parseString(json).getAsJsonObject().get("message").getAsString();
      assertThat(json.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(TerminationLog.LIMIT_BYTES);
      assertThat(message.codePoints().filter(c -> Character.getType(c) == Character.SURROGATE)).as("pad %d", pad).isEmpty();
      assertThat(message).endsWith("...");
    }
  }

  /** A message quoting an unpaired surrogate from the input is still written (as '?'), not an encoding failure. */
  @Test
  void anUnpairedSurrogateInTheMessageIsWritten(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("termination-log");
    TerminationLog.write(log, StageResult.ofMessage("bad \uD800 text"));
    assertThat(JsonParser.parseString(Files.readString(log)).getAsJsonObject().get("message").getAsString())
        .isEqualTo("bad ? text");
  }

  @Test
  void nonFiniteMetricsAreLeftOut() {
    JsonObject parsed = JsonParser.parseString(TerminationLog.json(
        new StageResult(null, Map.of("a", Double.NaN, "b", 1.0), null, "ok"))).getAsJsonObject();
    assertThat(parsed.getAsJsonObject("metrics").keySet()).containsExactly("b");
  }
}
