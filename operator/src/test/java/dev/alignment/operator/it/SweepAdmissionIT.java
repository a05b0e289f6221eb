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

/**
 * A sweep's size, checked by a real kube-apiserver at admission where the schema can: at most 8 parameters of 64
 * values and 100,000 samples. A grid's product is the operator's to check (AlignmentSweepIT): CEL cannot see the
 * untyped values.
 */
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
  void aSampleUpToTheCeilingOfAnyGridIsAdmittedAndOneOverItIsRefused() {
    assertThatCode(() -> apply("random-ok", "strategy: Random, samples: 100000, ",
        List.of(64, 64, 64, 64, 64, 64, 64, 64))).doesNotThrowAnyException();

    assertThatThrownBy(() -> apply("random", "strategy: Random, samples: 100001, ", List.of(64, 64, 64)))
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("spec.matrix.samples: Invalid value: 100001: spec.matrix.samples in body should be less "
            + "than or equal to 100000");
  }

  @Test
  void moreThanEightParametersOrSixtyFourValuesAreRefused() {
    assertThatThrownBy(() -> apply("wide", "", List.of(1, 1, 1, 1, 1, 1, 1, 1, 1)))
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("spec.matrix.parameters: Too many: 9: must have at most 8 items");
    assertThatThrownBy(() -> apply("long", "", List.of(65)))
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("spec.matrix.parameters[0].values: Too many: 65: must have at most 64 items");
  }

  /** A sweep whose parameter i takes {@code counts.get(i)} distinct numbers (a field per parameter). */
  private static void apply(String name, String strategy, List<Integer> counts) {
    String[] fields = {"training.seed", "training.steps", "training.batchSize", "maxRetries", "training.beta",
        "training.learningRate", "ppo.epochs", "evaluation.prompts", "ppo.klCoef"};
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
