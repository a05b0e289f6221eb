package dev.alignment.e2e;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The single-node cluster on this machine, as a user gets it: `hack/cluster.sh up` (reused when already up, and
 * stopped at the end when the tests started it), images built from the Dockerfiles on the local base and loaded
 * into the node, and the chart installed with helm. Done once per test JVM.
 */
final class LocalCluster {
  private static final AtomicInteger NAMESPACES = new AtomicInteger();
  /** Where S3ClusterE2EIT serves S3 on the node's address; the operator is installed with it as its s3 endpoint. */
  static final int S3_PORT = 18433;
  private static LocalCluster instance;

  final KubernetesClient client;
  final Path kubeconfig;
  private final Path binaries;

  private LocalCluster(Path kubeconfig, Path binaries) {
    this.kubeconfig = kubeconfig;
    this.binaries = binaries;
    this.client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(null, readable(kubeconfig), null)).build();
  }

  static synchronized LocalCluster get() {
    if (instance == null) {
      Shell.script("hack/docker.sh");
      boolean alreadyUp = Shell.script("hack/cluster.sh", "status").contains("kubelet: running");
      Path kubeconfig = Path.of(Shell.lastLine(Shell.script("hack/cluster.sh", "up")));
      if (!alreadyUp) {
        // Leave the machine as it was found: a cluster the developer had running stays, one we started goes.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> Shell.script("hack/cluster.sh", "down"), "cluster-down"));
      }
      Path binaries = Path.of(Shell.lastLine(Shell.script("hack/build-k8s.sh")));
      Shell.script("hack/images.sh");
      // Progress every 2 s rather than the chart's 10: the tests' stages are short, and a test that watches a
      // stage's steps across a pod kill must see some before the stage ends.
      Shell.run(Map.of("KUBECONFIG", kubeconfig.toString()), List.of("hack/install.sh",
          "--set", "progressIntervalSeconds=2", "--set", "s3.endpoint=" + s3Endpoint(kubeconfig, binaries)), null);
      instance = new LocalCluster(kubeconfig, binaries);
    }
    return instance;
  }

  /**
   * A fresh namespace with its workspace claim, as a user's team namespace would have, enforcing the Pod Security
   * Standard {@code restricted}: a trainer pod (or any other the tests make there) that breaks it is refused.
   */
  String newNamespace(String prefix) {
    // Unique across test runs too: outputs on the workspace are keyed by namespace and name.
    String name = prefix + "-" + Long.toString(System.currentTimeMillis() / 1000, 36) + "-" + NAMESPACES.incrementAndGet();
    client.resource(new NamespaceBuilder().withNewMetadata().withName(name)
        .addToLabels("pod-security.kubernetes.io/enforce", "restricted")
        .addToLabels("pod-security.kubernetes.io/enforce-version", "latest")
        .endMetadata().build()).create();
    Shell.script("hack/cluster.sh", "workspace", name);
    return name;
  }

  /** The node's address, which its pods reach (the API server listens there too). */
  String nodeAddress() {
    return nodeAddress(kubeconfig, binaries);
  }

  private static String nodeAddress(Path kubeconfig, Path binaries) {
    return Shell.run(Map.of("KUBECONFIG", kubeconfig.toString()), List.of(binaries.resolve("kubectl").toString(), "get",
        "nodes", "-o", "jsonpath={.items[0].status.addresses[?(@.type==\"InternalIP\")].address}"), null).strip();
  }

  private static String s3Endpoint(Path kubeconfig, Path binaries) {
    return "http://" + nodeAddress(kubeconfig, binaries) + ":" + S3_PORT;
  }

  /** Applies {@code manifests} (YAML) in {@code namespace} with kubectl, as a user would. */
  String apply(String namespace, String manifests) {
    return kubectl(manifests, "apply", "-n", namespace, "-f", "-");
  }

  /** Runs the real kubectl against this cluster; {@code stdin} may be null. */
  String kubectl(String stdin, String... args) {
    List<String> command = new ArrayList<>(List.of(binaries.resolve("kubectl").toString()));
    command.addAll(List.of(args));
    return Shell.run(Map.of("KUBECONFIG", kubeconfig.toString()), command, stdin);
  }

  /** Where the workspace claims' hostPath volume lives on this machine. */
  Path workspace() {
    return kubeconfig.getParent().resolve("workspace");
  }

  private static String readable(Path kubeconfig) {
    try {
      return Files.readString(kubeconfig);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + kubeconfig, e);
    }
  }
}
