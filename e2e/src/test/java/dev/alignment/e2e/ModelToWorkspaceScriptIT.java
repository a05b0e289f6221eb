package dev.alignment.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * hack/model-to-workspace.sh without a cluster: its argument checks, the Job it renders as admitted by a bare API
 * server under the restricted Pod Security profile, and the Job's steps run here on the fixture models (a local HTTP
 * server for the URL step).
 */
class ModelToWorkspaceScriptIT {
  private static final String NS = "models-restricted";
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final String SHA_OF_NOTHING = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  private static ApiServer api;
  private static HttpServer http;
  private static Path served;

  @BeforeAll
  static void start() throws IOException {
    Path kubectl = Path.of(Shell.lastLine(Shell.script("hack/build-k8s.sh"))).resolve("kubectl");
    api = ApiServer.withChartCrds(kubectl);
    api.kubectl("""
        apiVersion: v1
        kind: Namespace
        metadata:
          name: %s
          labels: {pod-security.kubernetes.io/enforce: restricted, pod-security.kubernetes.io/enforce-version: latest}
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: default, namespace: %s}
        """.formatted(NS, NS), "apply", "-f", "-");
    served = Files.createTempDirectory("model-urls");
    http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext("/", exchange -> {
      Path file = served.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
      boolean found = file.startsWith(served) && Files.isRegularFile(file);
      byte[] body = found ? Files.readAllBytes(file) : new byte[0];
      exchange.sendResponseHeaders(found ? 200 : 404, found ? body.length : -1);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    http.start();
  }

  @AfterAll
  static void stop() {
    if (http != null) {
      http.stop(0);
    }
    if (api != null) {
      api.close();
    }
  }

  static Stream<Arguments> badArguments() {
    return Stream.of(
        Arguments.of(List.of("--from-pvc", "cache:m"), "--name is required"),
        Arguments.of(List.of("--name", "My_Model", "--from-pvc", "cache:m"), "--name 'My_Model' must be lowercase letters"),
        Arguments.of(List.of("--name", "m".repeat(53), "--from-pvc", "cache:m"), "at most 52 characters"),
        Arguments.of(List.of("--name", "m"), "give a source"),
        Arguments.of(List.of("--name", "m", "--from-pvc", "cache:m", "--from-image", "img:1:/m"), "give exactly one source"),
        Arguments.of(List.of("--name", "m", "--from-pvc", "cache:hub/../../etc"), "--from-pvc: the path 'hub/../../etc' must not contain '..'"),
        Arguments.of(List.of("--name", "m", "--from-pvc", "Cache:m"), "--from-pvc 'Cache' is not a Kubernetes object name"),
        Arguments.of(List.of("--name", "m", "--from-image", "img:1.0:model"), "must be IMAGE:PATH with an absolute PATH"),
        Arguments.of(List.of("--name", "m", "--from-image", "img:/models/../etc"), "--from-image: the path '/models/../etc' must not contain '..'"),
        Arguments.of(List.of("--name", "m", "--from-url", "file:///etc/passwd"), "must be an http:// or https:// URL"),
        Arguments.of(List.of("--name", "m", "--from-url", "https://h/models/"), "must end in a file name"),
        Arguments.of(List.of("--name", "m", "--from-url", "https://h/a/x.json", "--from-url", "https://h/b/x.json"), "two --from-url name the file x.json"),
        Arguments.of(List.of("--name", "m", "--sha256", SHA_OF_NOTHING), "--sha256 must follow the --from-url"),
        Arguments.of(List.of("--name", "m", "--from-url", "https://h/m.tgz", "--sha256", "abc"), "--sha256 'abc' must be 64 hexadecimal digits"),
        Arguments.of(List.of("--name", "m", "--from-pvc", "cache:m", "--token-secret", "hf"), "--token-secret goes with --from-url"),
        Arguments.of(List.of("--name", "m", "--from-pvc", "cache:m", "--uid", "0"), "--uid '0' must be a user id above 0"),
        Arguments.of(List.of("--name", "m", "--from-pvc", "cache:m", "--timeout", "10"), "--timeout '10' must look like"),
        Arguments.of(List.of("--name", "m", "--from-pvc", "cache:m", "-n", "Team"), "--namespace 'Team'"),
        Arguments.of(List.of("--name", "m", "--from-pvc", "cache:m", "--image", "--force"), "--image needs a value"),
        Arguments.of(List.of("--name", "m", "--from-pvc", "cache:m\nx"), "control characters"),
        Arguments.of(List.of("--name", "m", "--from-pvc", "cache:m", "--claim"), "--claim needs a value"),
        Arguments.of(List.of("--name", "m", "--from-pvc", "cache:m", "--bogus"), "unknown argument '--bogus'"));
  }

  @ParameterizedTest
  @MethodSource("badArguments")
  void badArgumentsExitTwoNamingTheProblem(List<String> args, String message) {
    List<String> withDryRun = new ArrayList<>(args);
    withDryRun.add("--dry-run");
    assertThatThrownBy(() -> ModelCopy.script(Map.of(), withDryRun.toArray(String[]::new)))
        .hasMessageContaining("exited 2").hasMessageContaining(message);
  }

  @Test
  void helpDescribesEverySource() {
    assertThat(ModelCopy.script(Map.of(), "--help"))
        .contains("--from-image IMAGE:PATH", "--from-pvc CLAIM:PATH", "--from-url URL", "--sha256 HEX", "--force", "--dry-run");
  }

  @Test
  void everySourceRendersAJobThatTheRestrictedPodSecurityProfileAdmits() {
    List<List<String>> sources = List.of(
        List.of("--from-pvc", "model-cache:hub/qwen2"),
        List.of("--from-pvc", "alignment-workspace:uploads/qwen2"),
        List.of("--from-image", "registry.example:5000/models/qwen2:1.0:/model"),
        List.of("--from-url", "https://example.com/qwen2.tar.gz", "--sha256", SHA_OF_NOTHING,
            "--from-url", "https://example.com/extra/tokenizer.json?download=true", "--token-secret", "hf-token:token"));
    for (List<String> source : sources) {
      String job = render(source);
      assertThat(api.kubectl(job, "apply", "--dry-run=server", "-f", "-")).contains("job.batch/model-copy-qwen2 created (server dry run)");
      // PodSecurity only warns on a Job; it enforces on the Pod the Job controller would create from its template.
      assertThat(api.kubectl(pod(job, 65532), "apply", "--dry-run=server", "-f", "-")).as("pod for %s", source)
          .contains("pod/probe created (server dry run)");
    }
    assertThatThrownBy(() -> api.kubectl(pod(render(sources.get(0)), 0), "apply", "--dry-run=server", "-f", "-"))
        .as("the same pod as root, so the check above can fail").hasMessageContaining("violates PodSecurity \"restricted:latest\"");
  }

  @Test
  void theJobCarriesTheStepScriptAndPathsLiterally() throws IOException {
    // The kubelet expands $(VAR) and reduces $$ to $ in command, args and env values: each $ is written doubled.
    JsonNode job = YAML.readTree(render(List.of("--from-pvc", "uploads:weights/$(HOME)/m")));
    JsonNode spec = job.at("/spec/template/spec");
    JsonNode prepare = spec.at("/initContainers/0");
    assertThat(prepare.at("/env/0/name").asText()).isEqualTo("JOB_SCRIPT");
    assertThat(prepare.at("/env/0/value").asText().replace("$$", "$").strip())
        .isEqualTo(Files.readString(Shell.ROOT.resolve(ModelCopy.JOB_SCRIPT)).strip());
    String staging = prepare.at("/args/3").asText();
    assertThat(staging).matches("\\.qwen2\\.partial-[0-9a-f]{12}");
    assertThat(texts(prepare.at("/args"))).containsExactly("prepare", "/workspace/" + NS + "/models", "qwen2", staging, "false");
    assertThat(texts(spec.at("/initContainers/1/args")))
        .containsExactly("fetch-dir", "/source/weights/$$(HOME)/m", "/workspace/" + NS + "/models", staging);
    assertThat(texts(spec.at("/containers/0/args"))).containsExactly("publish", "/workspace/" + NS + "/models", "qwen2", staging, "false");
    assertThat(spec.at("/volumes/0/persistentVolumeClaim/claimName").asText()).isEqualTo("alignment-workspace");
    assertThat(spec.at("/volumes/2/persistentVolumeClaim/claimName").asText()).isEqualTo("uploads");
    assertThat(spec.at("/volumes/2/persistentVolumeClaim/readOnly").asBoolean()).isTrue();
  }

  @Test
  void stepsCopyAModelKeepItWithoutForceAndReplaceItWithForce(@TempDir Path dir) {
    Path models = dir.resolve("models");
    String first = copy(models, "m", "gpt2", false);
    assertThat(first).contains("published " + models.resolve("m"));
    ModelCopy.assertSameFiles(ModelCopy.FIXTURES.resolve("gpt2"), models.resolve("m"));

    assertThatThrownBy(() -> ModelCopy.step("prepare", models.toString(), "m", ".m.partial-2", "false"))
        .hasMessageContaining("exited 2").hasMessageContaining(models.resolve("m") + " already exists; pass --force to replace it");
    ModelCopy.assertSameFiles(ModelCopy.FIXTURES.resolve("gpt2"), models.resolve("m"));

    copy(models, "m", "llama-sharded", true);
    ModelCopy.assertSameFiles(ModelCopy.FIXTURES.resolve("llama-sharded"), models.resolve("m"));
    assertThat(ModelCopy.names(models)).containsExactly("m");
  }

  @Test
  void aDirectoryThatIsNotAModelIsRefusedAndLeavesNothing(@TempDir Path dir) {
    Path models = dir.resolve("models");
    ModelCopy.copyFixture("gpt2", dir.resolve("no-tokenizer"), "tokenizer.json");
    ModelCopy.copyFixture("llama-sharded", dir.resolve("missing-shard"), "model-00002-of-00003.safetensors");

    assertThatThrownBy(() -> copyFrom(models, "a", dir.resolve("no-tokenizer"), false))
        .hasMessageContaining("exited 2").hasMessageContaining("not a Hugging Face model directory: missing tokenizer.json");
    assertThatThrownBy(() -> copyFrom(models, "b", dir.resolve("missing-shard"), false))
        .hasMessageContaining("missing model-00002-of-00003.safetensors (named in model.safetensors.index.json)");
    assertThatThrownBy(() -> copyFrom(models, "c", dir.resolve("nowhere"), false))
        .hasMessageContaining("exited 2").hasMessageContaining("source directory " + dir.resolve("nowhere") + " does not exist");
    assertThat(ModelCopy.names(models)).as("no model and no partial copy").isEmpty();
  }

  @Test
  void urlStepDownloadsFilesChecksTheirSha256AndUnpacksAnArchive(@TempDir Path dir) throws IOException {
    Path models = dir.resolve("models");
    ModelCopy.copyFixture("qwen2", dir.resolve("qwen2"));
    Shell.run(Map.of(), List.of("tar", "-czf", served.resolve("qwen2.tar.gz").toString(), "-C", dir.toString(), "qwen2"), null);
    ModelCopy.copyFixture("qwen2", served.resolve("files"));
    String sha = sha256(served.resolve("qwen2.tar.gz"));

    fetchUrls(models, "archive", "qwen2.tar.gz", sha);
    ModelCopy.assertSameFiles(ModelCopy.FIXTURES.resolve("qwen2"), models.resolve("archive"));

    fetchUrls(models, "files", "files/config.json", "-", "files/model.safetensors", "-", "files/tokenizer.json", "-");
    assertThat(ModelCopy.names(models.resolve("files"))).containsExactly("config.json", "model.safetensors", "tokenizer.json");

    assertThatThrownBy(() -> fetchUrls(models, "tampered", "qwen2.tar.gz", SHA_OF_NOTHING))
        .hasMessageContaining("exited 2")
        .hasMessageContaining("qwen2.tar.gz: sha256 is " + sha + ", expected " + SHA_OF_NOTHING);
    assertThatThrownBy(() -> fetchUrls(models, "absent", "files/no-such.json", "-"))
        .hasMessageContaining("exited 1").hasMessageContaining("download of " + url("files/no-such.json") + " failed");
    assertThat(ModelCopy.names(models)).as("no partial copies").containsExactly("archive", "files");
  }

  private static String render(List<String> source) {
    List<String> args = new ArrayList<>(List.of("--name", "qwen2", "-n", NS, "--dry-run"));
    args.addAll(source);
    return ModelCopy.script(Map.of(), args.toArray(String[]::new));
  }

  /** The Pod the Job controller would create from the rendered Job's template, run as {@code uid}. */
  private static String pod(String job, int uid) {
    try {
      JsonNode spec = YAML.readTree(job).at("/spec/template/spec").deepCopy();
      ((ObjectNode) spec.get("securityContext")).put("runAsUser", uid);
      ObjectNode pod = YAML.createObjectNode().put("apiVersion", "v1").put("kind", "Pod");
      pod.putObject("metadata").put("name", "probe").put("namespace", NS);
      pod.set("spec", spec);
      return YAML.writeValueAsString(pod);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String copy(Path models, String name, String fixture, boolean force) {
    return copyFrom(models, name, ModelCopy.FIXTURES.resolve(fixture), force);
  }

  /** prepare, fetch-dir and publish, as the Job's three containers run them. */
  private static String copyFrom(Path models, String name, Path source, boolean force) {
    String staging = "." + name + ".partial-1";
    ModelCopy.step("prepare", models.toString(), name, staging, String.valueOf(force));
    ModelCopy.step("fetch-dir", source.toString(), models.toString(), staging);
    return ModelCopy.step("publish", models.toString(), name, staging, String.valueOf(force));
  }

  /** prepare, fetch-url and publish; {@code pathsAndShas} alternate a path on the local server and its sha256 or -. */
  private static void fetchUrls(Path models, String name, String... pathsAndShas) {
    String staging = "." + name + ".partial-1";
    ModelCopy.step("prepare", models.toString(), name, staging, "false");
    List<String> args = new ArrayList<>(List.of("fetch-url", models.toString(), staging));
    for (int i = 0; i < pathsAndShas.length; i += 2) {
      String path = pathsAndShas[i];
      args.addAll(List.of(url(path), path.substring(path.lastIndexOf('/') + 1), pathsAndShas[i + 1]));
    }
    ModelCopy.step(args.toArray(String[]::new));
    ModelCopy.step("publish", models.toString(), name, staging, "false");
  }

  private static String url(String path) {
    return "http://127.0.0.1:" + http.getAddress().getPort() + "/" + path;
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(n -> texts.add(n.asText()));
    return texts;
  }

  private static String sha256(Path file) throws IOException {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
