package dev.alignment.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The chart lints clean and renders what the operator needs, no more: real helm, built from source. */
class ChartIT {
  private static Path helm;

  @BeforeAll
  static void helm() {
    helm = Path.of(Shell.lastLine(Shell.script("hack/build-k8s.sh", "helm"))).resolve("helm");
  }

  @Test
  void lintsCleanInStrictMode() {
    assertThat(helm("lint", "--strict", "charts/alignment-operator")).contains("0 chart(s) failed");
  }

  @Test
  void rendersANonRootReadOnlyDeploymentWithProbesAndLeastPrivilegeRbac() {
    List<HasMetadata> objects = render("--set", "replicaCount=2");

    Deployment deployment = only(objects, Deployment.class);
    var pod = deployment.getSpec().getTemplate().getSpec();
    var container = pod.getContainers().get(0);
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
    ClusterRole role = only(objects, ClusterRole.class);
    assertThat(role.getRules()).allSatisfy(rule -> assertThat(rule.getVerbs()).doesNotContain("*", "update"));
    assertThat(role.getRules()).flatExtracting(r -> r.getResources()).doesNotContain("secrets", "*");
    assertThat(objects).extracting(HasMetadata::getKind).contains("Role", "RoleBinding", "Service", "ConfigMap");
    assertThat(objects.stream().filter(o -> o.getKind().equals("ConfigMap")).findFirst().orElseThrow().toString())
        .contains("leaderElection: true");
  }

  @Test
  void singleReplicaNeedsNoLeaseRoleAndServiceMonitorIsOptIn() {
    assertThat(render()).extracting(HasMetadata::getKind).doesNotContain("Role", "ServiceMonitor");
    assertThat(render("--set", "metrics.serviceMonitor.enabled=true")).extracting(HasMetadata::getKind)
        .contains("ServiceMonitor");
  }

  @Test
  void valuesSchemaRejectsUnknownAndInvalidValues() {
    assertThatThrownBy(() -> render("--set", "trainer.imag=x")).hasMessageContaining("additional properties 'imag' not allowed");
    assertThatThrownBy(() -> render("--set", "replicaCount=0")).hasMessageContaining("replicaCount");
  }

  private static List<HasMetadata> render(String... args) {
    List<String> command = new ArrayList<>(List.of("template", "t", "charts/alignment-operator"));
    command.addAll(List.of(args));
    String yaml = helm(command.toArray(String[]::new));
    return Serialization.unmarshal(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
  }

  private static <T> T only(List<HasMetadata> objects, Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
  }

  private static String helm(String... args) {
    List<String> command = new ArrayList<>(List.of(helm.toString()));
    command.addAll(List.of(args));
    return Shell.run(Map.of(), command, null);
  }
}
