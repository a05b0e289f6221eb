package dev.alignment.operator.it;

import dev.alignment.operator.AlignmentOperator;
import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real etcd + kube-apiserver for the integration tests, started once per test JVM by fabric8 kube-api-test in
 * offline mode from the binaries hack/build-k8s.sh cached, with the chart's CRDs installed. There is no
 * kube-controller-manager, scheduler or kubelet in this tier: tests play those parts where they matter.
 */
final class ControlPlane {
  private static final AtomicInteger NAMESPACES = new AtomicInteger();
  private static ControlPlane instance;

  final KubernetesClient client;

  private ControlPlane(KubernetesClient client) {
    this.client = client;
  }

  static synchronized ControlPlane get() {
    if (instance == null) {
      KubeAPIServer server = new KubeAPIServer(KubeAPIServerConfigBuilder.anAPIServerConfig()
          .withTestDir(System.getProperty("kube-api-test.dir"))
          .withApiServerVersion(System.getProperty("kube-api-test.version"))
          .withOfflineMode(true)
          .withUpdateKubeConfig(false)
          .build());
      server.start();
      Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "stop-kube-apiserver"));
      KubernetesClient client = new KubernetesClientBuilder()
          .withConfig(Config.fromKubeconfig(server.getKubeConfigYaml())).build();
      ControlPlane plane = new ControlPlane(client);
      plane.installCrds(Path.of(System.getProperty("crds.dir")));
      instance = plane;
    }
    return instance;
  }

  /** Starts the operator in this JVM against this API server, watching every namespace, with test settings. */
  AlignmentOperator startOperator() throws IOException {
    return AlignmentOperator.start(client, TestOperatorConfig.with(Map.of()));
  }

  /** A fresh namespace with the default ServiceAccount the (absent) controller manager would have made. */
  String newNamespace(String prefix) {
    String name = prefix + "-" + NAMESPACES.incrementAndGet();
    client.resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
    client.resource(new ServiceAccountBuilder().withNewMetadata().withName("default").withNamespace(name)
        .endMetadata().build()).create();
    return name;
  }

  private void installCrds(Path dir) {
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(p -> p.toString().endsWith(".yml")).toList();
    } catch (IOException e) {
      throw new IllegalStateException("cannot list CRDs in " + dir, e);
    }
    for (Path file : files) {
      try (InputStream in = Files.newInputStream(file)) {
        HasMetadata crd = client.load(in).items().get(0);
        client.resource(crd).serverSideApply();
        client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
            .waitUntilCondition(ControlPlane::established, Duration.ofSeconds(30).toMillis(), TimeUnit.MILLISECONDS);
      } catch (IOException e) {
        throw new IllegalStateException("cannot read CRD " + file, e);
      }
    }
  }

  private static boolean established(CustomResourceDefinition crd) {
    return crd != null && crd.getStatus() != null && crd.getStatus().getConditions() != null
        && crd.getStatus().getConditions().stream()
        .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
