package dev.alignment.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A summary from any runtime keeps its output and good metrics whatever else it carries. */
class SummaryReaderTest {
  @Test
  void unknownKeysAndNullsAreIgnored() {
    StageSummary summary = SummaryReader.read("{\"output\": \"file:///w/dpo/model\", \"runtime\": {\"name\": \"trl\"},"
        + " \"digest\": null, \"metrics\": {\"" + SummaryMetrics.WIN_RATE + "\": 0.75, \"loss\": null}, \"message\": \"done\"}");

    assertThat(summary).isEqualTo(new StageSummary("file:///w/dpo/model", Map.of(SummaryMetrics.WIN_RATE, 0.75), null, "done"));
  }

  @Test
  void metricsThatAreNotFiniteNumbersAreDroppedAndTheRestKept() {
    StageSummary summary = SummaryReader.read(
        "{\"metrics\": {\"kl\": NaN, \"goldReward\": Infinity, \"winRate\": \"0.5\", \"extra\": {\"a\": 1}, \"accuracy\": 0.9}}");

    assertThat(summary.metrics()).containsExactly(Map.entry(SummaryMetrics.ACCURACY, 0.9));
  }

  @Test
  void whatIsNotASummaryIsRefused() {
    assertThatThrownBy(() -> SummaryReader.read("Traceback (most recent call last):"))
        .isInstanceOf(ContractException.class).hasMessageStartingWith("not a stage summary: ");
    assertThatThrownBy(() -> SummaryReader.read("{\"metrics\": [1, 2]}"))
        .isInstanceOf(ContractException.class).hasMessageStartingWith("not a stage summary: ");
  }

  @Test
  void aSummaryTheContractWritesReadsBackEqual() {
    StageSummary written = new StageSummary("file:///w/v", Map.of(SummaryMetrics.TRAIN_PAIRS, 900.0), "sha256:ab", "ok");

    assertThat(SummaryReader.read(ContractJson.write(written))).isEqualTo(written);
  }
}
