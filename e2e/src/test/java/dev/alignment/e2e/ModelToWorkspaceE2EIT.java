package dev.alignment.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * hack/model-to-workspace.sh on the single-node cluster, as a user runs it: a fixture model copied from a claim onto
 * the workspace by a non-root Job, kept without --force, replaced from an image with it, and a directory that is
 * not a model refused without leaving anything behind.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ModelToWorkspaceE2EIT {
  private static final String SOURCE_CLAIM = "model-source";
  private static final String IMAGE = "alignment.local/e2e-model-llama-sharded:1";
  private static final String TRAINER_IMAGE = "alignment-trainer:0.1.0";
  private static final long JOB_UID = 65532;
  private static LocalCluster cluster;
  private static String ns;
  private static Map<String, String> env;
  private static Path models;

  @BeforeAll
  static void cluster() throws IOException {
    cluster = LocalCluster.get();
    ns = cluster.newNamespace("models");
    Path kubectl = Path.of(Shell.lastLine(Shell.script("hack/build-k8s.sh"))).resolve("kubectl");
    env = Map.of("KUBECONFIG", cluster.kubeconfig.toString(), "KUBECTL", kubectl.toString());
    // A namespace's models live under its own workspace root, /workspace/<namespace>/models.
    models = cluster.workspace().resolve(ns).resolve("models");
    // hostPath volumes ignore fsGroup: the directories are made writable for the Job's uid, as docs/hf-models.md
    // says (examples/hf-model/README.md has users copy a fixture there by hand).
    Files.createDirectories(models);
    Files.setPosixFilePermissions(models.getParent(), PosixFilePermissions.fromString("rwxrwxrwx"));
    Files.setPosixFilePermissions(models, PosixFilePermissions.fromString("rwxrwxrwx"));

    // A claim of the team's own holding model directories, as a cache volume would: a hostPath PV bound to it.
    Path source = cluster.kubeconfig.getParent().resolve("model-sources").resolve(ns);
    ModelCopy.copyFixture("gpt2", source.resolve("gpt2"));
    ModelCopy.copyFixture("gpt2", source.resolve("no-tokenizer"), "tokenizer.json");
    cluster.kubectl("""
        apiVersion: v1
        kind: PersistentVolume
        metadata: {name: %1$s-%2$s}
        spec:
          capacity: {storage: 1Gi}
          accessModes: [ReadOnlyMany]
          persistentVolumeReclaimPolicy: Retain
          storageClassName: alignment-local
          claimRef: {namespace: %2$s, name: %1$s}
          hostPath: {path: %3$s, type: Directory}
        ---
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: %1$s, namespace: %2$s}
        spec:
          accessModes: [ReadOnlyMany]
          storageClassName: alignment-local
          volumeName: %1$s-%2$s
          resources: {requests: {storage: 1Gi}}
        """.formatted(SOURCE_CLAIM, ns, source), "apply", "-f", "-");
  }

  @Test
  @Order(1)
  void copiesAModelFromAClaimAsANonRootJobAndPrintsItsUri() throws IOException {
    String out = copy("--name", ns, "--from-pvc", SOURCE_CLAIM + ":gpt2");

    assertThat(Shell.lastLine(out)).isEqualTo("file:///workspace/" + ns + "/models/" + ns);
    ModelCopy.assertSameFiles(ModelCopy.FIXTURES.resolve("gpt2"), models.resolve(ns));
    assertThat(Files.getAttribute(models.resolve(ns).resolve("model.safetensors"), "unix:uid"))
        .as("written by the Job's user, not root").isEqualTo((int) JOB_UID);
    assertThat(ModelCopy.leftovers(models, ns)).isEmpty();
    Pod pod = cluster.client.pods().inNamespace(ns).withLabel("batch.kubernetes.io/job-name", "model-copy-" + ns)
        .list().getItems().get(0);
    assertThat(pod.getSpec().getSecurityContext().getRunAsUser()).isEqualTo(JOB_UID);
    assertThat(pod.getSpec().getInitContainers()).extracting(c -> c.getName()).containsExactly("prepare", "fetch");
    assertThat(pod.getStatus().getPhase()).isEqualTo("Succeeded");
  }

  @Test
  @Order(2)
  void keepsAnExistingModelWithoutForce() {
    assertThatThrownBy(() -> copy("--name", ns, "--from-pvc", SOURCE_CLAIM + ":gpt2"))
        .hasMessageContaining("exited 1")
        .hasMessageContaining("/workspace/" + ns + "/models/" + ns + " already exists; pass --force to replace it");
    ModelCopy.assertSameFiles(ModelCopy.FIXTURES.resolve("gpt2"), models.resolve(ns));
    assertThat(ModelCopy.leftovers(models, ns)).isEmpty();
  }

  @Test
  @Order(3)
  void replacesItWithForceFromAnImage(@TempDir Path context) throws IOException {
    // An image holding a model, as a team would publish one: here the trainer image (the cluster has it) plus a fixture.
    ModelCopy.copyFixture("llama-sharded", context.resolve("model"));
    Files.writeString(context.resolve("Dockerfile"), "FROM " + TRAINER_IMAGE + "\nCOPY model /model\n");
    Shell.run(Map.of(), List.of("docker", "build", "-q", "-t", IMAGE, context.toString()), null);
    Shell.script("hack/cluster.sh", "load-image", IMAGE);

    String out = copy("--name", ns, "--from-image", IMAGE + ":/model", "--force");

    assertThat(Shell.lastLine(out)).isEqualTo("file:///workspace/" + ns + "/models/" + ns);
    ModelCopy.assertSameFiles(ModelCopy.FIXTURES.resolve("llama-sharded"), models.resolve(ns));
    assertThat(ModelCopy.leftovers(models, ns)).as("the replaced copy is removed").isEmpty();
  }

  @Test
  @Order(4)
  void refusesADirectoryThatIsNotAModelAndPublishesNothing() {
    String name = ns + "-bad";

    assertThatThrownBy(() -> copy("--name", name, "--from-pvc", SOURCE_CLAIM + ":no-tokenizer"))
        .hasMessageContaining("exited 1")
        .hasMessageContaining("the copy failed (Job model-copy-" + name)
        .hasMessageContaining("not a Hugging Face model directory: missing tokenizer.json");
    assertThat(models.resolve(name)).doesNotExist();
    assertThat(ModelCopy.leftovers(models, name)).as("the partial copy is removed").isEmpty();
  }

  private static String copy(String... args) {
    List<String> all = new ArrayList<>(List.of("--namespace", ns, "--timeout", "5m"));
    all.addAll(List.of(args));
    return ModelCopy.script(env, all.toArray(String[]::new));
  }
}
