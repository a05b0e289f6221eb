package dev.alignment.trainer.ppo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.djl.ndarray.NDManager;
import dev.alignment.trainer.metrics.ProgressReporter;
import dev.alignment.trainer.metrics.TrainerMetrics;
import dev.alignment.trainer.model.Checkpoints;
import dev.alignment.trainer.model.Sequence;
import dev.alignment.trainer.training.ProcessExit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The critic's HTTP surface against hostile clients, with a real critic (tiny reward model) behind it: calls without
 * the attempt's token, malformed, oversized and stalled requests are answered 4xx (or cut off) and change nothing;
 * the actor holding the token is served correctly after each.
 */
class CriticServerTest {
  private static final String TOKEN = "s3cret-token-of-this-attempt";
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(1);

  @TempDir Path work;

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final List<Socket> sockets = new ArrayList<>();
  private NDManager manager;
  private LocalCritic critic;
  private CriticServer server;
  private CriticLimits limits;
  private PpoSettings ppo;

  @BeforeEach
  void start() throws IOException {
    Map<String, Object> config = PpoRuns.split(work.resolve("ppo"), 10, 0, 30);
    ppo = PpoRuns.settings(work, config);
    manager = NDManager.newBaseManager();
    critic = new LocalCritic("builtin://tiny", work.resolve("ppo"), ppo, manager);
    CriticLimits computed = CriticLimits.of(ppo, critic.vocabSize(), critic.contextLength());
    limits = new CriticLimits(computed.vocabSize(), computed.contextLength(), computed.maxRollouts(),
        computed.maxCompletionTokens(), computed.maxMinibatchIndices(), computed.maxBodyBytes(), READ_TIMEOUT);
    PeerWatchdog watchdog = new PeerWatchdog("actor", Duration.ofSeconds(60), Duration.ofSeconds(60), System::nanoTime);
    server = CriticServer.start(critic, new CriticServer.Settings(0, CriticToken.of(TOKEN), limits, 10), watchdog,
        new ProgressReporter(new PrintStream(new ByteArrayOutputStream()), TrainerMetrics.start(-1, "", "", ""), System::nanoTime));
  }

  @AfterEach
  void stop() throws IOException {
    for (Socket socket : sockets) {
      socket.close();
    }
    server.close();
    critic.close();
    manager.close();
  }

  @Test
  void theLimitsFollowTheRolloutSettingsWithAFloorOfOneMebibyte() {
    assertThat(limits.maxRollouts()).isEqualTo(ppo.rolloutBatchSize());
    assertThat(limits.maxCompletionTokens()).isEqualTo(ppo.maxNewTokens() + 1);
    assertThat(limits.maxBodyBytes()).isGreaterThanOrEqualTo(1 << 20);
    CriticLimits large = CriticLimits.of(ppo, 50_257, 8192);
    assertThat(large.maxBodyBytes()).isGreaterThan(limits.maxBodyBytes()).isLessThan(8L << 20);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(nullValues = "none", value = {"none", "Bearer wrong-token", "Bearer " + TOKEN + "x", TOKEN})
  void callsWithoutTheTokenAreRefusedWithoutDetailAndChangeNothing(String authorization) throws Exception {
    for (String path : List.of(CriticProtocol.FINISH, CriticProtocol.RESUME, CriticProtocol.HEARTBEAT)) {
      HttpResponse<String> answer = post(path, "{\"step\": -1, \"vocabSize\": 1}", authorization);
      assertThat(answer.statusCode()).as(path).isEqualTo(401);
      assertThat(answer.body()).isEqualTo("{\"error\":\"unauthorized\"}");
    }

    assertServesTheActorToTheEnd();
  }

  @Test
  void healthNeedsNoTokenAndSaysNothing() throws Exception {
    HttpResponse<String> health = http.send(HttpRequest.newBuilder(uri(CriticProtocol.HEALTH)).GET().build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).isEqualTo("{}");
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', textBlock = """
      /v1/resume     | null                                   | 400
      /v1/resume     | ''                                     | 400
      /v1/resume     | {not json                              | 400
      /v1/resume     | [1, 2]                                 | 400
      /v1/resume     | {"step": -1, "vocabSize": VOCAB}       | 400
      /v1/resume     | {"step": 0, "vocabSize": 1}            | 400
      /v1/resume     | {"step": 1e400, "vocabSize": VOCAB}    | 400
      /v1/evaluate   | {"rollouts": []}                       | 409
      /v1/checkpoint | {"step": 1}                            | 409
      /v1/finish     | {}                                     | 409
      /v1/nope       | {}                                     | 404
      /v1/resumeX    | {}                                     | 404
      """)
  void malformedOrEarlyCallsAreRefusedAndTheCriticServesTheActorAfterwards(String path, String body, int status)
      throws Exception {
    HttpResponse<String> answer = post(path, body.replace("VOCAB", String.valueOf(critic.vocabSize())), "Bearer " + TOKEN);

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
    assertServesTheActorToTheEnd();
  }

  @Test
  void malformedCallsAfterResumeAreRefusedWithoutTouchingCheckpointsOrTheValueModel() throws Exception {
    HttpCritic actor = actor();
    actor.resume(0, critic.vocabSize());
    actor.checkpoint(1);
    String bearer = "Bearer " + TOKEN;

    assertThat(post(CriticProtocol.RESUME, "{\"step\": -1, \"vocabSize\": " + critic.vocabSize() + "}", bearer).statusCode())
        .isEqualTo(400);
    assertThat(post(CriticProtocol.CHECKPOINT, "{\"step\": -1}", bearer).statusCode()).isEqualTo(400);
    assertThat(post(CriticProtocol.EVALUATE, "{\"rollouts\": [{\"prompt\": [1], \"completion\": [" + critic.vocabSize() + "]}]}",
        bearer).statusCode()).isEqualTo(400);
    assertThat(post(CriticProtocol.EVALUATE, "{\"rollouts\": [null]}", bearer).statusCode()).isEqualTo(400);
    assertThat(post(CriticProtocol.UPDATE, "{\"step\": 1, \"rollouts\": [{\"prompt\": [1], \"completion\": [2, 3]}],"
        + " \"returns\": [[1.0]], \"oldValues\": [[1.0]], \"minibatches\": [[0]]}", bearer).statusCode())
        .as("one value for two completion targets").isEqualTo(400);
    assertThat(post(CriticProtocol.UPDATE, "{\"step\": 1, \"rollouts\": [{\"prompt\": [1], \"completion\": [2]}],"
        + " \"returns\": [[1.0]], \"oldValues\": [[1.0]], \"minibatches\": [[5]]}", bearer).statusCode()).isEqualTo(400);
    HttpResponse<String> get = http.send(HttpRequest.newBuilder(uri(CriticProtocol.FINISH))
        .header(CriticToken.HEADER, bearer).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(405);

    assertThat(new Checkpoints(work.resolve("ppo").resolve("critic").resolve("checkpoints")).complete())
        .extracting(Checkpoints::step).containsExactly(1);
    actor.resume(1, critic.vocabSize());
    assertThat(actor.evaluate(List.of(new Sequence(new int[] {5, 6}, new int[] {7, 1}))).scores()).hasSize(1);
    actor.close();
  }

  @Test
  void aBodyOverTheLimitIsRefusedWithoutBeingRead() throws Exception {
    Socket socket = socket();
    socket.getOutputStream().write(("POST /v1/resume HTTP/1.1\r\nHost: critic\r\nAuthorization: Bearer " + TOKEN
        + "\r\nContent-Length: 1073741824\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));

    assertThat(statusLine(socket)).isEqualTo("HTTP/1.1 413 Request Entity Too Large");
    assertServesTheActorToTheEnd();
  }

  @Test
  void aChunkedBodyOverTheLimitIsRefused() throws Exception {
    byte[] big = new byte[(int) limits.maxBodyBytes() + 1];
    java.util.Arrays.fill(big, (byte) ' ');
    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri(CriticProtocol.RESUME))
        .header(CriticToken.HEADER, "Bearer " + TOKEN)
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big))).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).isEqualTo(413);
    assertServesTheActorToTheEnd();
  }

  @Test
  void stalledRequestsBlockNeitherHealthNorTheActorAndStalledBodiesAreCutOff() throws Exception {
    // Each holds a server thread: five that stall in their headers (until the JVM's request timeout, which the
    // trainer's launcher sets) and five that stall in their bodies (until the critic's read timeout).
    List<Socket> stalledBodies = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      socket().getOutputStream().write("POST /v1/resume HTT".getBytes(StandardCharsets.US_ASCII));
      Socket body = socket();
      body.getOutputStream().write(("POST /v1/resume HTTP/1.1\r\nHost: critic\r\nAuthorization: Bearer " + TOKEN
          + "\r\nContent-Length: 100\r\n\r\n{\"st").getBytes(StandardCharsets.US_ASCII));
      stalledBodies.add(body);
    }

    HttpResponse<String> health = http.send(HttpRequest.newBuilder(uri(CriticProtocol.HEALTH)).timeout(Duration.ofSeconds(10))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);
    assertServesTheActorToTheEnd();
    for (Socket socket : stalledBodies) {
      await().atMost(Duration.ofSeconds(10)).until(() -> closedByServer(socket));
    }
  }

  /** A correct actor, holding the token, resumes, evaluates and finishes, and the critic stage ends normally. */
  private void assertServesTheActorToTheEnd() throws Exception {
    CompletableFuture<String> finished = CompletableFuture.supplyAsync(() -> {
      try {
        return server.awaitFinish();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    HttpCritic actor = actor();
    actor.resume(0, critic.vocabSize());
    assertThat(actor.evaluate(List.of(new Sequence(new int[] {5, 6}, new int[] {7, 1}))).scores()).hasSize(1);
    String output = actor.finish();
    actor.close();
    assertThat(finished.get(30, TimeUnit.SECONDS)).isEqualTo(output).endsWith("value-model");
  }

  private HttpCritic actor() throws InterruptedException, IOException {
    return HttpCritic.connect(URI.create("http://localhost:" + server.port()), CriticToken.of(TOKEN), ppo,
        new ProgressReporter(new PrintStream(new ByteArrayOutputStream()), TrainerMetrics.start(-1, "", "", ""), System::nanoTime),
        ProcessExit.NONE);
  }

  private HttpResponse<String> post(String path, String body, String authorization) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      request.header(CriticToken.HEADER, authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + server.port() + path);
  }

  private Socket socket() throws IOException {
    Socket socket = new Socket("localhost", server.port());
    socket.setSoTimeout(100);
    sockets.add(socket);
    return socket;
  }

  private static String statusLine(Socket socket) throws IOException {
    socket.setSoTimeout(10_000);
    InputStream in = socket.getInputStream();
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != '\r' && c != -1; c = in.read()) {
      line.append((char) c);
    }
    return line.toString();
  }

  /** Whether the server closed the connection: end of stream or a reset, not just silence. */
  private static boolean closedByServer(Socket socket) {
    try {
      while (socket.getInputStream().read() != -1) {
        // an answer before the close is fine
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }
}
