package dev.alignment.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alignment.api.v1alpha1.AlignmentRun;
import dev.alignment.api.v1alpha1.RewardModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * examples/hf-model on the single-node cluster with a fixture in place of a user's model (the qwen2 fixture: a chat
 * template, BOS-free tokenizer, untied head): conversational pairs validated, a reward model and SFT -> DPO -> eval
 * trained by real trainer pods, each model a Hugging Face directory. Steps and sizes are cut to fit the test.
 */
class HfModelE2EIT {
  private static final String RUN_TIMEOUT = "600s";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static LocalCluster cluster;
  private static String ns;

  @BeforeAll
  static void cluster() throws IOException {
    cluster = LocalCluster.get();
    ns = cluster.newNamespace("hfmodel");
    // On the local cluster the workspace is a hostPath directory: the model is put there by hand, as
    // examples/hf-model/README.md shows (hack/model-to-workspace.sh is ModelToWorkspaceE2EIT's subject).
    Path models = cluster.workspace().resolve(ns).resolve("models");
    Files.createDirectories(models);
    // hostPath ignores fsGroup: the trainer (uid 65532) writes its outputs next to the model, under /workspace/<ns>.
    Files.setPosixFilePermissions(models.getParent(), PosixFilePermissions.fromString("rwxrwxrwx"));
    ModelCopy.copyFixture("qwen2", models.resolve("my-model"));
  }

  @Test
  void theExampleTrainsAFixtureModelIntoHuggingFaceDirectories() throws IOException {
    for (String file : new String[] {"01-preference-dataset.yaml", "02-reward-model.yaml", "03-dpo-run.yaml"}) {
      cluster.kubectl(scaledDown(Files.readString(Shell.ROOT.resolve("examples/hf-model").resolve(file))),
          "apply", "-n", ns, "-f", "-");
    }
    cluster.kubectl(null, "wait", "-n", ns, "--for=condition=Succeeded", "arun/my-model-dpo", "--timeout=" + RUN_TIMEOUT);

    AlignmentRun run = cluster.client.resources(AlignmentRun.class).inNamespace(ns).withName("my-model-dpo").get();
    assertThat(run.getStatus().stages).extracting(s -> s.name).containsExactly("sft", "dpo", "eval");
    assertThat(run.getStatus().results.winRate).isBetween(0.0, 1.0);
    Path policy = workspacePath(run.getStatus().model);
    assertThat(config(policy).path("architectures").get(0).asText()).isEqualTo("Qwen2ForCausalLM");
    assertThat(policy.resolve("tokenizer_config.json")).as("the tokenizer travels with the model").isRegularFile();
    assertThat(names(policy)).contains("model.safetensors", "tokenizer.json", "generation_config.json");

    RewardModel rm = cluster.client.resources(RewardModel.class).inNamespace(ns).withName("my-model-rm").get();
    assertThat(rm.getStatus().accuracy).isBetween(0.0, 1.0);
    JsonNode rewardConfig = config(workspacePath(rm.getStatus().checkpoint));
    assertThat(rewardConfig.path("architectures").get(0).asText()).isEqualTo("Qwen2ForSequenceClassification");
    assertThat(rewardConfig.path("id2label").size()).isEqualTo(1);
  }

  /** The example with the user's model name replaced by the fixture's place and the sizes cut for a test. */
  private static String scaledDown(String manifest) {
    return manifest.replace("file:///workspace/team-a/models/my-model", "file:///workspace/" + ns + "/models/my-model")
        .replace("maxLength: 256", "maxLength: 96")
        .replaceAll("steps: \\d+", "steps: 4")
        .replaceAll("batchSize: \\d+", "batchSize: 4")
        .replaceAll("samples: \\d+", "samples: 8");
  }

  private Path workspacePath(String uri) {
    assertThat(uri).startsWith("file:///workspace/");
    return cluster.workspace().resolve(uri.substring("file:///workspace/".length()));
  }

  private static JsonNode config(Path modelDir) throws IOException {
    return JSON.readTree(modelDir.resolve("config.json").toFile());
  }

  private static java.util.List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).toList();
    }
  }
}
