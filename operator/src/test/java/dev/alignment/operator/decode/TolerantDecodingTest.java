package dev.alignment.operator.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alignment.api.v1alpha1.AlignmentRun;
import dev.alignment.api.v1alpha1.RunPhase;
import dev.alignment.operator.metrics.OperatorMetrics;
import io.fabric8.kubernetes.api.model.DefaultKubernetesResourceList;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TolerantDecodingTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final DecodeFailures failures = new DecodeFailures(new OperatorMetrics(registry));
  private final KubernetesSerialization serialization = new KubernetesSerialization(
      new ObjectMapper().registerModule(new TolerantDecoding(Set.of(AlignmentRun.class), failures)), true);

  private static String run(String name, String uid, String checkpointEvery) {
    return """
        {"apiVersion":"alignment.dev/v1alpha1","kind":"AlignmentRun",
         "metadata":{"name":"%s","namespace":"team-a","uid":"%s","resourceVersion":"7"},
         "spec":{"algorithm":"DPO","preferenceDataset":"prefs","checkpointEvery":%s},
         "status":{"phase":"Running"}}""".formatted(name, uid, checkpointEvery);
  }

  @Test
  void aDeletedObjectsFailureIsForgotten() {
    AlignmentRun run = serialization.unmarshal(run("poison", "u3", "99999999999"), AlignmentRun.class);
    assertThat(failures.of(run)).isPresent();

    failures.forget(run);

    assertThat(failures.of(run)).isEmpty();
  }

  @Test
  void aSpecThatDoesNotFitIsDroppedWithTheFieldAndReasonRecorded() {
    AlignmentRun run = serialization.unmarshal(run("poison", "u2", "99999999999"), AlignmentRun.class);

    assertThat(run.getSpec()).isNull();
    assertThat(run.getMetadata().getName()).isEqualTo("poison");
    assertThat(run.getStatus().phase).as("the status is still read").isEqualTo(RunPhase.Running);
    assertThat(failures.of(run)).hasValueSatisfying(why ->
        assertThat(why).startsWith("spec.checkpointEvery: ").contains("99999999999").contains("out of range"));
    assertThat(registry.get("alignment.decode.failures").tag("kind", "AlignmentRun").counter().count()).isEqualTo(1);
  }

  @Test
  void onePoisonedItemDoesNotBreakTheList() {
    String list = "{\"apiVersion\":\"alignment.dev/v1alpha1\",\"kind\":\"AlignmentRunList\",\"metadata\":{},\"items\":["
        + run("a", "u3", "10") + "," + run("b", "u4", "1e400") + "," + run("c", "u5", "30") + "]}";

    KubernetesResourceList<AlignmentRun> runs = serialization.unmarshal(
        new ByteArrayInputStream(list.getBytes(StandardCharsets.UTF_8)),
        new TypeReference<DefaultKubernetesResourceList<AlignmentRun>>() {});

    assertThat(runs.getItems()).extracting(r -> r.getMetadata().getName()).containsExactly("a", "b", "c");
    assertThat(runs.getItems().get(0).getSpec().checkpointEvery).isEqualTo(10);
    assertThat(runs.getItems().get(1).getSpec()).isNull();
    assertThat(runs.getItems().get(2).getSpec().checkpointEvery).isEqualTo(30);
  }

  @Test
  void anObjectThatFitsIsReadWholeAndForgetsAnEarlierFailure() {
    AlignmentRun poisoned = serialization.unmarshal(run("later-fixed", "u6", "99999999999"), AlignmentRun.class);
    assertThat(failures.of(poisoned)).isPresent();

    AlignmentRun fixed = serialization.unmarshal(run("later-fixed", "u6", "100"), AlignmentRun.class);

    assertThat(fixed.getSpec().checkpointEvery).isEqualTo(100);
    assertThat(failures.of(fixed)).isEmpty();
  }

  @Test
  void aCopyOfTheSpeclessObjectKeepsTheFailure() {
    AlignmentRun poisoned = serialization.unmarshal(run("copied", "u7", "99999999999"), AlignmentRun.class);

    AlignmentRun copy = serialization.clone(poisoned);

    assertThat(copy.getSpec()).isNull();
    assertThat(failures.of(copy)).hasValueSatisfying(why -> assertThat(why).startsWith("spec.checkpointEvery"));
  }
}
