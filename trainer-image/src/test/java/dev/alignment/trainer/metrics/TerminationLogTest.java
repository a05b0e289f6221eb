package dev.alignment.trainer.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.alignment.trainer.StageResult;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

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

  @Test
  void nonFiniteMetricsAreLeftOut() {
    JsonObject parsed = JsonParser.parseString(TerminationLog.json(
        new StageResult(null, Map.of("a", Double.NaN, "b", 1.0), null, "ok"))).getAsJsonObject();
    assertThat(parsed.getAsJsonObject("metrics").keySet()).containsExactly("b");
  }
}
