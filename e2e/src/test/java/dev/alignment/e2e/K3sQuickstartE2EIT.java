package dev.alignment.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.alignment.api.v1alpha1.AlignmentRun;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * The quickstart on K3s in a container (Testcontainers' K3s module), for developer laptops and hosted CI where a
 * K3s image is at hand. The images and chart are the same as on the local cluster. Skipped, with the reason, when
 * the K3s image is not in the local Docker engine: nothing is pulled.
 */
class K3sQuickstartE2EIT {
  private static final String K3S_IMAGE = System.getProperty("k3s.image");
  private static final List<String> IMAGES = List.of("alignment-trainer:0.1.0", "alignment-operator:0.1.0");

  @TempDir Path work;

  @Test
  void quickstartSucceedsOnK3s() throws Exception {
    assumeTrue(inLocalEngine(K3S_IMAGE), "K3s image " + K3S_IMAGE + " is not in the local Docker engine and no "
        + "registry is reachable; `docker load` one (or pass -Dk3s.image=...) to run the suite on K3s");
    LocalCluster.get(); // builds the images
    try (K3sContainer k3s = new K3sContainer(DockerImageName.parse(K3S_IMAGE)).withImagePullPolicy(image -> false)) {
      k3s.start();
      for (String image : IMAGES) {
        Path tar = work.resolve(image.replace(':', '_') + ".tar");
        Shell.script("docker", "save", "-o", tar.toString(), image);
        k3s.copyFileToContainer(MountableFile.forHostPath(tar), "/tmp/image.tar");
        assertThat(k3s.execInContainer("ctr", "-n", "k8s.io", "images", "import", "/tmp/image.tar").getExitCode()).isZero();
      }
      // hostPath volumes ignore fsGroup: writable for the trainer's non-root user.
      k3s.execInContainer("mkdir", "-p", "-m", "0777", "/var/lib/alignment-workspace");
      Path kubeconfig = Files.writeString(work.resolve("kubeconfig"), k3s.getKubeConfigYaml());
      Map<String, String> env = Map.of("KUBECONFIG", kubeconfig.toString());
      Shell.run(env, List.of("hack/install.sh"), null);
      Path kubectl = Path.of(Shell.lastLine(Shell.script("hack/build-k8s.sh"))).resolve("kubectl");
      Shell.run(env, List.of(kubectl.toString(), "apply", "-f", "-"), workspace());
      Shell.run(env, List.of(kubectl.toString(), "apply", "-f", "examples/quickstart/"), null);
      Shell.run(env, List.of(kubectl.toString(), "wait", "--for=condition=Succeeded", "arun/quickstart", "--timeout=900s"), null);

      try (KubernetesClient client = new KubernetesClientBuilder()
          .withConfig(Config.fromKubeconfig(k3s.getKubeConfigYaml())).build()) {
        AlignmentRun run = client.resources(AlignmentRun.class).inNamespace("default").withName("quickstart").get();
        assertThat(run.getStatus().results.winRate).isGreaterThanOrEqualTo(0.65);
      }
    }
  }

  private static boolean inLocalEngine(String image) {
    // Start the engine first: Testcontainers remembers a failed Docker lookup for the rest of the JVM.
    Shell.script("hack/docker.sh");
    try {
      DockerClientFactory.instance().client().inspectImageCmd(image).exec();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static String workspace() {
    return """
        apiVersion: v1
        kind: PersistentVolume
        metadata: {name: alignment-workspace-default}
        spec:
          capacity: {storage: 20Gi}
          accessModes: [ReadWriteMany]
          storageClassName: alignment-local
          claimRef: {namespace: default, name: alignment-workspace}
          hostPath: {path: /var/lib/alignment-workspace, type: Directory}
        ---
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: alignment-workspace, namespace: default}
        spec:
          accessModes: [ReadWriteMany]
          storageClassName: alignment-local
          volumeName: alignment-workspace-default
          resources: {requests: {storage: 20Gi}}
        """;
  }
}
