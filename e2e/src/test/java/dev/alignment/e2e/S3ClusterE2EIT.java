package dev.alignment.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * s3:// through the cluster, as a team uses it: a real S3 server (SeaweedFS) on the node's address, which the
 * operator is installed with as its endpoint (LocalCluster); credentials in a Secret of the team's namespace, given
 * to trainer pods with spec.env. A dataset validated from a bucket and a reward model trained from a model in a
 * bucket and exported to one; a wrong credential fails the dataset naming the URI and the S3 error, never a key.
 */
class S3ClusterE2EIT {
  private static final Path FIXTURES = Shell.ROOT.resolve("trainer-image/src/test/resources");
  private static final String ACCESS_KEY = "team-s3-key";
  private static final String SECRET_KEY = "team-s3-secret-5b2e";
  private static final String WRONG_SECRET = "not-the-secret-9c1a";
  private static final Duration SETTLE = Duration.ofMinutes(8);
  private static LocalCluster cluster;
  private static String ns;
  private static SeaweedFs server;

  @TempDir
  static Path serverState;

  @BeforeAll
  static void start() throws IOException, InterruptedException {
    cluster = LocalCluster.get();
    ns = cluster.newNamespace("s3");
    server = SeaweedFs.start(serverState, cluster.nodeAddress(), LocalCluster.S3_PORT, ACCESS_KEY, SECRET_KEY);
    server.put("datasets/team/prefs.jsonl", FIXTURES.resolve("datasets/preferences.jsonl"));
    server.putAll("models/base/gpt2", FIXTURES.resolve("hf/gpt2"));
    cluster.apply(ns, """
        apiVersion: v1
        kind: Secret
        metadata: {name: team-s3}
        stringData: {access-key: %s, secret-key: %s}
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: stale-s3}
        stringData: {access-key: %s, secret-key: %s}
        """.formatted(ACCESS_KEY, SECRET_KEY, ACCESS_KEY, WRONG_SECRET));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aDatasetAndAModelComeFromBucketsAndTheRewardModelIsExportedToOne() throws Exception {
    cluster.apply(ns, """
        apiVersion: alignment.dev/v1alpha1
        kind: PreferenceDataset
        metadata: {name: prefs}
        spec:
          source: {uri: "s3://datasets/team/prefs.jsonl"}
          validationFraction: 0.25
        %s
        ---
        apiVersion: alignment.dev/v1alpha1
        kind: RewardModel
        metadata: {name: rm}
        spec:
          preferenceDataset: prefs
          model: {uri: "s3://models/base/gpt2"}
          training: {steps: 3, batchSize: 2, learningRate: 0.001}
          export: {uri: "s3://models/team/rm"}
        %s
        """.formatted(credentials("team-s3"), credentials("team-s3")));

    await().atMost(SETTLE).untilAsserted(() -> assertThat(phase("rewardmodel", "rm")).isIn("Ready", "Failed"));
    assertThat(phase("rewardmodel", "rm")).as(cluster.kubectl(null, "get", "rm", "rm", "-n", ns, "-o", "yaml"))
        .isEqualTo("Ready");
    String config = new String(server.get("models/team/rm/config.json"), StandardCharsets.UTF_8);
    assertThat(config).as("the exported reward model").contains("GPT2ForSequenceClassification");
    assertThat(server.get("models/team/rm/model.safetensors")).isNotEmpty();
    assertThat(server.get("models/team/rm/tokenizer.json")).isEqualTo(
        java.nio.file.Files.readAllBytes(FIXTURES.resolve("hf/gpt2/tokenizer.json")));
  }

  @Test
  void aWrongCredentialFailsTheDatasetNamingTheUriAndTheErrorNeverTheKey() {
    cluster.apply(ns, """
        apiVersion: alignment.dev/v1alpha1
        kind: PreferenceDataset
        metadata: {name: stale}
        spec:
          source: {uri: "s3://datasets/team/prefs.jsonl"}
        %s
        """.formatted(credentials("stale-s3")));

    await().atMost(SETTLE).untilAsserted(() -> assertThat(phase("preferencedataset", "stale")).isEqualTo("Failed"));
    String status = cluster.kubectl(null, "get", "preferencedataset", "stale", "-n", ns, "-o", "jsonpath={.status}");
    assertThat(status).contains("s3://datasets/team/prefs.jsonl: SignatureDoesNotMatch (HTTP 403)")
        .doesNotContain(WRONG_SECRET).doesNotContain(SECRET_KEY).doesNotContain(ACCESS_KEY);
  }

  /** spec.env giving the trainer the AWS credentials of Secret {@code secret}, indented for a spec. */
  private static String credentials(String secret) {
    return String.join("\n",
        "  env:",
        "    - name: AWS_ACCESS_KEY_ID",
        "      valueFrom: {secretKeyRef: {name: " + secret + ", key: access-key}}",
        "    - name: AWS_SECRET_ACCESS_KEY",
        "      valueFrom: {secretKeyRef: {name: " + secret + ", key: secret-key}}");
  }

  private static String phase(String kind, String name) {
    return cluster.kubectl(null, "get", kind, name, "-n", ns, "-o", "jsonpath={.status.phase}");
  }
}
