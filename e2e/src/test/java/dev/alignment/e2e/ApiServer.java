package dev.alignment.e2e;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A bare etcd + kube-apiserver (fabric8 kube-api-test, offline, on the binaries hack/build-k8s.sh caches) with the
 * chart's CRDs installed, driven with the real kubectl: enough for server-side dry runs and admission, no controllers.
 */
final class ApiServer implements AutoCloseable {
  private final KubeAPIServer server;
  private final Path kubeconfig;
  private final Path kubectl;

  private ApiServer(KubeAPIServer server, Path kubeconfig, Path kubectl) {
    this.server = server;
    this.kubeconfig = kubeconfig;
    this.kubectl = kubectl;
  }

  static ApiServer withChartCrds(Path kubectl) {
    Shell.script("hack/build-k8s.sh");
    // Its directory and version come from KUBE_API_TEST_DIR and KUBE_API_TEST_API_SERVER_VERSION (e2e/pom.xml).
    KubeAPIServer server = new KubeAPIServer(KubeAPIServerConfigBuilder.anAPIServerConfig()
        .withOfflineMode(true).withUpdateKubeConfig(false).build());
    server.start();
    ApiServer api = new ApiServer(server, writeTemp(server.getKubeConfigYaml()), kubectl);
    try {
      // As hack/install.sh installs them.
      api.kubectl(null, "apply", "--server-side", "-f", "charts/alignment-operator/crds/");
      api.kubectl(null, "wait", "--for=condition=Established", "crd", "--all", "--timeout=60s");
      return api;
    } catch (RuntimeException e) {
      api.close();
      throw e;
    }
  }

  /** Runs the real kubectl against this server from the repository root; {@code stdin} may be null. */
  String kubectl(String stdin, String... args) {
    List<String> command = new ArrayList<>(List.of(kubectl.toString()));
    command.addAll(List.of(args));
    return Shell.run(Map.of("KUBECONFIG", kubeconfig.toString()), command, stdin);
  }

  private static Path writeTemp(String kubeconfig) {
    try {
      return Files.writeString(Files.createTempFile("apiserver", ".kubeconfig"), kubeconfig);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.stop();
    try {
      Files.deleteIfExists(kubeconfig);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
