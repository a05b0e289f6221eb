package dev.alignment.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code s3://} against a real S3 server, SeaweedFS (hack/seaweedfs.sh) on loopback ports: the reference trainer, run
 * by the image's entrypoint on the packaged jar and lib/, validates a dataset read from a bucket, fine-tunes the
 * Hugging Face fixture fetched from a bucket and exports the result to one; wrong credentials fail the stage with exit
 * 2 naming the URI and the S3 error, never a key. The test seeds and checks the buckets through SeaweedFS's filer HTTP
 * API (buckets are its /buckets/&lt;name&gt;), not through the trainer's S3 client.
 */
class S3StorageIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ACCESS_KEY = "team-a-reader";
  private static final String SECRET_KEY = "team-a-secret-7f3c9e";
  private static final Path FIXTURES = Shell.ROOT.resolve("trainer-image/src/test/resources");
  private static final String DATASET = "s3://datasets/team-a/prefs.jsonl";
  private static final String BASE_MODEL = "s3://models/base/gpt2";
  private static final String EXPORT = "s3://models/team-a/sft";
  private static SeaweedFs server;

  /** The server's data, identities and log; removed with the class's tests. */
  @TempDir
  static Path serverState;

  @TempDir
  Path work;

  @BeforeAll
  static void start() throws IOException, InterruptedException {
    server = SeaweedFs.start(serverState, "127.0.0.1", 0, ACCESS_KEY, SECRET_KEY);
    server.put("datasets/team-a/prefs.jsonl", FIXTURES.resolve("datasets/preferences.jsonl"));
    server.putAll("models/base/gpt2", FIXTURES.resolve("hf/gpt2"));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aDatasetAndAModelAreReadFromTheBucketAndTheTrainedModelIsExportedToIt() throws Exception {
    Trainer validate = trainer("validate-dataset", validation(DATASET), credentials(ACCESS_KEY, SECRET_KEY));
    assertThat(validate.exitCode()).as(validate.toString()).isZero();

    ObjectNode sft = header("sft").put("exportUri", EXPORT).put("dataset", validate.summary().path("output").asText())
        .put("datasetKind", "preferences");
    sft.putObject("model").put("uri", BASE_MODEL).put("tokenizer", "builtin://words").put("overlong", "truncate");
    sft.set("training", JSON.readTree("{\"steps\": 3, \"batchSize\": 2, \"learningRate\": 0.001, \"maxGradNorm\": 1.0, \"seed\": 0}"));
    Trainer trained = trainer("sft", sft, credentials(ACCESS_KEY, SECRET_KEY));
    assertThat(trained.exitCode()).as(trained.toString()).isZero();
    assertThat(trained.output()).contains("exported the model to " + EXPORT);

    Path model = work.resolve("sft/model");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(model)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertThat(files).extracting(f -> f.getFileName().toString()).contains("config.json", "model.safetensors", "tokenizer.json");
    for (Path file : files) {
      String key = "models/team-a/sft/" + model.relativize(file).toString().replace('\\', '/');
      assertThat(server.get(key)).as(key).isEqualTo(Files.readAllBytes(file));
    }
    assertThat(Files.readAllBytes(model.resolve("model.safetensors")))
        .as("three steps of SFT moved the fetched weights")
        .isNotEqualTo(Files.readAllBytes(FIXTURES.resolve("hf/gpt2/model.safetensors")));
  }

  @Test
  void wrongCredentialsFailTheStageAsBadInputNamingTheUriNeverAKey() throws Exception {
    String wrongSecret = "not-the-secret-41d8";
    Trainer badSecret = trainer("validate-dataset", validation(DATASET), credentials(ACCESS_KEY, wrongSecret));
    assertThat(badSecret.exitCode()).as(badSecret.toString()).isEqualTo(2);
    assertThat(badSecret.message()).startsWith(DATASET + ": SignatureDoesNotMatch (HTTP 403)");

    String unknownKey = "no-such-access-key";
    Trainer badKey = trainer("validate-dataset", validation(DATASET), credentials(unknownKey, SECRET_KEY));
    assertThat(badKey.exitCode()).as(badKey.toString()).isEqualTo(2);
    assertThat(badKey.message()).startsWith(DATASET + ": InvalidAccessKeyId (HTTP 403)");

    for (Trainer refused : List.of(badSecret, badKey)) {
      assertThat(refused.output() + refused.message())
          .doesNotContain(SECRET_KEY).doesNotContain(wrongSecret).doesNotContain(ACCESS_KEY).doesNotContain(unknownKey);
    }
  }

  @Test
  void aMissingBucketOrObjectIsBadInputNamingIt() throws Exception {
    Trainer noBucket = trainer("validate-dataset", validation("s3://no-such-bucket/prefs.jsonl"), credentials(ACCESS_KEY, SECRET_KEY));
    assertThat(noBucket.exitCode()).as(noBucket.toString()).isEqualTo(2);
    assertThat(noBucket.message()).startsWith("s3://no-such-bucket/prefs.jsonl: NoSuchBucket (HTTP 404)");

    Trainer noKey = trainer("validate-dataset", validation("s3://datasets/team-a/missing.jsonl"), credentials(ACCESS_KEY, SECRET_KEY));
    assertThat(noKey.exitCode()).as(noKey.toString()).isEqualTo(2);
    assertThat(noKey.message()).startsWith("s3://datasets/team-a/missing.jsonl: NoSuchKey (HTTP 404)");
  }

  private ObjectNode validation(String source) throws IOException {
    return header("validate").put("source", source)
        .<ObjectNode>set("fields", JSON.readTree("{\"prompt\": \"prompt\", \"chosen\": \"chosen\", \"rejected\": \"rejected\"}"))
        .put("validationFraction", 0.25);
  }

  /** The keys every config has, the endpoint as the operator's s3Endpoint fills it; no metrics server. */
  private ObjectNode header(String stage) {
    return JSON.createObjectNode().put("contractVersion", 1).put("stage", stage).put("namespace", "team-a")
        .put("owner", "s3-run").put("ownerKind", "AlignmentRun").put("outputDir", work.resolve(stage).toString())
        .put("checkpointEvery", 50).put("metricsPort", -1).put("s3Endpoint", server.endpoint());
  }

  private static Map<String, String> credentials(String accessKey, String secretKey) {
    return Map.of("AWS_ACCESS_KEY_ID", accessKey, "AWS_SECRET_ACCESS_KEY", secretKey);
  }

  /** Runs the stage as the image does (its entrypoint on the packaged jar and lib/), with {@code env} added. */
  private Trainer trainer(String stage, ObjectNode config, Map<String, String> env) throws IOException, InterruptedException {
    Path configFile = work.resolve(stage + "-" + System.nanoTime() + ".json");
    JSON.writeValue(configFile.toFile(), config);
    Path terminationLog = work.resolve("termination-log-" + System.nanoTime());
    ProcessBuilder builder = new ProcessBuilder(Shell.ROOT.resolve("trainer-image/bin/alignment-trainer").toString(),
        stage, "--config", configFile.toString()).redirectErrorStream(true);
    Map<String, String> environment = builder.environment();
    environment.keySet().removeIf(name -> name.startsWith("AWS_"));
    environment.putAll(new HashMap<>(Map.of("ALIGNMENT_TRAINER_HOME", Shell.ROOT.resolve("trainer-image/target").toString(),
        "ALIGNMENT_TERMINATION_LOG", terminationLog.toString(), "ALIGNMENT_MALLOC", "glibc", "OMP_NUM_THREADS", "1")));
    environment.putAll(env);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(10, TimeUnit.MINUTES)).as("the trainer finished").isTrue();
    JsonNode summary = Files.exists(terminationLog) ? JSON.readTree(terminationLog.toFile()) : JSON.createObjectNode();
    return new Trainer(process.exitValue(), output, summary);
  }

  /** One trainer run: its exit code, stdout and stderr, and the termination log's summary. */
  private record Trainer(int exitCode, String output, JsonNode summary) {
    String message() {
      return summary.path("message").asText();
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\n" + output;
    }
  }
}
