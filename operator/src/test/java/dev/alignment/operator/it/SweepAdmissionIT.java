package dev.alignment.operator.it;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A sweep's size and distinct values, checked by a real kube-apiserver at admission where CEL can count them. */
class SweepAdmissionIT {
  private static KubernetesClient client;
  private static String ns;

  @BeforeAll
  static void controlPlane() {
    ControlPlane plane = ControlPlane.get();
    client = plane.client;
    ns = plane.newNamespace("sweep-admission");
  }

  @Test
  void aGridOverTheCeilingIsRefusedWithItsCellCount() {
    assertThatThrownBy(() -> apply("grid", "", List.of(64, 64, 25)))
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("spec.matrix has 102400 cells (the product of the value counts of its parameters), over "
            + "the limit of 100000: use fewer values, or strategy Random with samples");
  }

  @Test
  void aGridUpToTheCeilingAndARandomSampleOfAnyGridAreAdmitted() {
    assertThatCode(() -> apply("grid-ok", "", List.of(64, 64, 24))).doesNotThrowAnyException();
    assertThatCode(() -> apply("random-ok", "strategy: Random, samples: 100000, ",
        List.of(64, 64, 64, 64, 64, 64, 64, 64))).doesNotThrowAnyException();
  }

  @Test
  void moreSamplesThanTheCeilingAreRefused() {
    assertThatThrownBy(() -> apply("random", "strategy: Random, samples: 100001, ", List.of(64, 64, 64)))
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("spec.matrix.samples: Invalid value: 100001");
  }

  @Test
  void aRepeatedValueIsRefusedNamingTheParameter() {
    String manifest = """
        apiVersion: alignment.dev/v1alpha1
        kind: AlignmentSweep
        metadata: {name: repeated}
        spec:
          template: {algorithm: DPO, preferenceDataset: p}
          matrix:
            parameters:
              - {field: algorithm, values: [DPO, IPO]}
              - {name: data, values: [{preferenceDataset: a}, {preferenceDataset: b}, {preferenceDataset: a}]}
        """;

    assertThatThrownBy(() -> client.resource(manifest).inNamespace(ns).create())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("spec.matrix.parameters[1].values: Invalid value")
        .hasMessageContaining("the values of a spec.matrix.parameters entry must be distinct");
  }

  /** A sweep whose parameter i takes {@code counts.get(i)} distinct seeds (a field per parameter, all in training). */
  private static void apply(String name, String strategy, List<Integer> counts) {
    String[] fields = {"training.seed", "training.steps", "training.batchSize", "maxRetries", "training.beta",
        "training.learningRate", "ppo.epochs", "evaluation.prompts"};
    String parameters = IntStream.range(0, counts.size())
        .mapToObj(i -> "{field: " + fields[i] + ", values: " + IntStream.rangeClosed(1, counts.get(i)).boxed().toList() + "}")
        .collect(Collectors.joining(", "));
    client.resource("""
        apiVersion: alignment.dev/v1alpha1
        kind: AlignmentSweep
        metadata: {name: %s}
        spec:
          template: {algorithm: DPO, preferenceDataset: p}
          matrix: {%sparameters: [%s]}
        """.formatted(name, strategy, parameters)).inNamespace(ns).create();
  }
}
