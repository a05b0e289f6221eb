package dev.alignment.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * The trainer image honours the contract (docs/trainer-contract.md) when run as the built image: exit code 2
 * and a line-numbered message for bad input, exit 0 and a JSON summary in the termination log otherwise, and
 * Prometheus metrics on port 9400 while it trains.
 */
class TrainerImageContractIT {
  private static final DockerImageName IMAGE = DockerImageName.parse("alignment-trainer:0.1.0");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path work;

  @BeforeAll
  static void image() {
    LocalCluster.get(); // builds the images
  }

  @Test
  void badInputExitsTwoWithTheFileLineAndProblem() throws Exception {
    Files.writeString(work.resolve("pairs.jsonl"), """
        {"prompt": "a", "chosen": " good", "rejected": " bad"}
        {"prompt": "b", "chosen": " fine"}
        """);
    writeConfig("validate", """
        "source": "file:///data/pairs.jsonl", "fields": {"prompt": "prompt", "chosen": "chosen", "rejected": "rejected"},
        "validationFraction": 0.1""");

    int exit = runToCompletion("validate-dataset");

    assertThat(exit).isEqualTo(2);
    JsonNode summary = JSON.readTree(work.resolve("termination-log").toFile());
    assertThat(summary.get("message").asText()).contains("/data/pairs.jsonl").contains("line 2: missing field 'rejected'");
  }

  @Test
  void goodInputExitsZeroWithAJsonSummary() throws Exception {
    writeConfig("validate", """
        "source": "builtin://sentiment/preferences?count=200", "validationFraction": 0.1,
        "fields": {"prompt": "prompt", "chosen": "chosen", "rejected": "rejected"}""");

    int exit = runToCompletion("validate-dataset");

    assertThat(exit).isZero();
    JsonNode summary = JSON.readTree(work.resolve("termination-log").toFile());
    assertThat(summary.get("output").asText()).isEqualTo("file:///data/out/validate");
    assertThat(summary.get("metrics").get("trainPairs").asDouble() + summary.get("metrics").get("validationPairs").asDouble())
        .isPositive();
    assertThat(summary.get("digest").asText()).startsWith("sha256:");
    assertThat(work.resolve("out/validate/train.jsonl")).isRegularFile();
  }

  @Test
  void runsPyTorchOnTcmalloc() {
    try (GenericContainer<?> trainer = new GenericContainer<>(IMAGE)
        .withImagePullPolicy(image -> false)
        .withCommand("engine-info")
        .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(Duration.ofMinutes(2)))) {
      trainer.start();
      assertThat(trainer.getLogs()).contains("PyTorch").contains("allocator tcmalloc");
    }
  }

  @Test
  void servesPrometheusMetricsOnPort9400WhileTraining() throws Exception {
    writeConfig("sft", """
        "model": {"uri": "builtin://tiny", "tokenizer": "builtin://words"}, "dataset": "builtin://sentiment/sft",
        "datasetKind": "demonstrations", "training": {"steps": 100000, "batchSize": 8, "learningRate": 0.001, "maxGradNorm": 1.0, "seed": 0}""");

    try (GenericContainer<?> trainer = new GenericContainer<>(IMAGE)
        .withImagePullPolicy(image -> false) // built locally by hack/images.sh; there is no registry to pull from
        .withCommand("sft", "--config", "/data/config.json")
        .withCopyFileToContainer(MountableFile.forHostPath(work.resolve("config.json")), "/data/config.json")
        .withEnv("OMP_NUM_THREADS", "1")
        .withExposedPorts(9400)
        .waitingFor(Wait.forHttp("/metrics").forPort(9400).withStartupTimeout(Duration.ofMinutes(2)))) {
      trainer.start();
      HttpClient http = HttpClient.newHttpClient();
      URI metrics = URI.create("http://" + trainer.getHost() + ":" + trainer.getMappedPort(9400) + "/metrics");

      String body = await().atMost(Duration.ofMinutes(1)).until(() -> get(http, metrics), b -> b.contains("alignment_trainer_step"));
      assertThat(body).contains("stage=\"sft\"");
      String gradNorm = await().atMost(Duration.ofMinutes(1)).until(() -> get(http, metrics), b -> b.contains("name=\"gradNorm\""));
      assertThat(gradNorm).containsPattern("alignment_trainer_metric\\{[^}]*name=\"gradNorm\"[^}]*} [0-9.eE+-]+");
    }
  }

  private int runToCompletion(String stage) {
    DockerClient docker = DockerClientFactory.instance().client();
    String id = docker.createContainerCmd(IMAGE.asCanonicalNameString())
        .withCmd(stage, "--config", "/data/config.json")
        .withEnv("ALIGNMENT_TERMINATION_LOG=/data/termination-log", "OMP_NUM_THREADS=1")
        .withHostConfig(HostConfig.newHostConfig().withBinds(Bind.parse(work + ":/data")).withNetworkMode("none"))
        .exec().getId();
    try {
      docker.startContainerCmd(id).exec();
      return docker.waitContainerCmd(id).exec(new WaitContainerResultCallback()).awaitStatusCode();
    } finally {
      docker.removeContainerCmd(id).withForce(true).exec();
    }
  }

  private void writeConfig(String stage, String keys) throws IOException {
    Files.writeString(work.resolve("config.json"), """
        {"contractVersion": 1, "stage": "%s", "namespace": "test", "owner": "contract", "ownerKind": "AlignmentRun",
         "outputDir": "/data/out/%s", "checkpointEvery": 50, "metricsPort": 9400, %s}
        """.formatted(stage, stage, keys));
  }

  private static String get(HttpClient http, URI uri) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
  }
}
