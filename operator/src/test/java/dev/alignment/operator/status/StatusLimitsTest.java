package dev.alignment.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alignment.api.v1alpha1.AlignmentRunStatus;
import dev.alignment.api.v1alpha1.StageStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusLimitsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyMessageAtAnyDepthIsCutAndSaysHowMuchWasLeftOut() {
    String huge = "x".repeat(600_000);
    AlignmentRunStatus status = new AlignmentRunStatus();
    status.message = huge;
    StageStatus stage = new StageStatus();
    stage.name = "sft";
    stage.message = huge;
    status.stages = List.of(stage);
    status.conditions = Conditions.set(List.of(), Conditions.Type.Failed, true, Reasons.STAGE_FAILED, huge, 1L, Instant.EPOCH);

    JsonNode bounded = StatusLimits.bounded(JSON.valueToTree(status));

    assertThat(bounded.get("message").asText()).hasSize(StatusLimits.MAX_MESSAGE).endsWith("(598976 more characters)");
    assertThat(bounded.get("stages").get(0).get("message").asText()).hasSize(StatusLimits.MAX_MESSAGE);
    assertThat(bounded.get("conditions").get(0).get("message").asText()).hasSize(StatusLimits.MAX_MESSAGE);
    assertThat(bounded.toString().length()).isLessThan(5 * StatusLimits.MAX_MESSAGE + 1_000);
  }

  @Test
  void shortMessagesAreUntouched() {
    assertThat(StatusLimits.cut("stage sft failed")).isEqualTo("stage sft failed");
    assertThat(StatusLimits.cut("y".repeat(StatusLimits.MAX_MESSAGE))).hasSize(StatusLimits.MAX_MESSAGE).doesNotContain("more");
  }
}
