package dev.alignment.operator.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The probe port under real sockets that stall: probes keep answering, and the server closes the stalled ones. */
class ProbeServerTest {
  /** Within this a probe must answer; the chart's probes time out after 1 s and tolerate several failures. */
  private static final Duration PROBE_ANSWER = Duration.ofSeconds(2);
  /** Slack over a server timeout for its 1 s timer and a loaded machine. */
  private static final Duration SLACK = Duration.ofSeconds(5);

  private static PrometheusMeterRegistry registry;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(PROBE_ANSWER).build();
  private final List<Socket> clients = new ArrayList<>();
  private ProbeServer server;

  /** Meters enough for a scrape (about 15 MB) that the kernel's socket buffers cannot hold. */
  @BeforeAll
  static void largeRegistry() {
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    String padding = "x".repeat(200);
    for (int i = 0; i < 60_000; i++) {
      registry.counter("probe_test_padding", "id", i + padding).increment();
    }
  }

  @BeforeEach
  void start() throws IOException {
    server = ProbeServer.start(0, () -> null, registry);
  }

  @AfterEach
  void stop() throws IOException {
    for (Socket client : clients) {
      client.close();
    }
    server.close();
  }

  @Test
  void probesAnswerWhileClientsStall() throws Exception {
    for (int i = 0; i < 4; i++) {
      partialRequest();
    }
    unreadScrape();
    unreadScrape();
    silent();
    silent();
    // The stalled scrapes hold both scrape slots once their responses have filled the socket buffers.
    await().atMost(SLACK).until(() -> get("/metrics").statusCode() == 503);

    for (int i = 0; i < 5; i++) {
      assertThat(get("/healthz").statusCode()).isEqualTo(200);
    }
    HttpResponse<String> ready = get("/readyz");
    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(ready.body()).isEqualTo("not ready: starting\n");
  }

  @Test
  void serverClosesStalledConnections() throws Exception {
    Socket partial = partialRequest();
    Socket silent = silent();
    Socket unread = unreadScrape();
    unreadScrape();
    await().atMost(SLACK).until(() -> get("/metrics").statusCode() == 503);

    await().atMost(ConnectionLimits.MAX_REQUEST_TIME.plus(SLACK)).until(() -> closedByServer(partial));
    await().atMost(ConnectionLimits.MAX_REQUEST_TIME.plus(SLACK)).until(() -> closedByServer(silent));
    // Closing the unread scrapes frees their slots: a scrape succeeds again.
    await().atMost(ConnectionLimits.MAX_RESPONSE_TIME.plus(SLACK)).until(() -> get("/metrics").statusCode() == 200);
    String received = drain(unread);
    assertThat(received).startsWith("HTTP/1.1 200").doesNotEndWith("\r\n0\r\n\r\n");
  }

  /** Sends a request line and one header, never the blank line that ends the headers. */
  private Socket partialRequest() throws IOException {
    Socket socket = connect(0);
    socket.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: probe\r\n".getBytes(StandardCharsets.US_ASCII));
    return socket;
  }

  /** Asks for /metrics with a tiny receive buffer and never reads the response. */
  private Socket unreadScrape() throws IOException {
    Socket socket = connect(1024);
    socket.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: probe\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    return socket;
  }

  /** Connects and sends nothing. */
  private Socket silent() throws IOException {
    return connect(0);
  }

  private Socket connect(int receiveBuffer) throws IOException {
    Socket socket = new Socket();
    if (receiveBuffer > 0) {
      socket.setReceiveBufferSize(receiveBuffer);
    }
    clients.add(socket);
    socket.connect(new InetSocketAddress("localhost", server.port()));
    return socket;
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
        .timeout(PROBE_ANSWER).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** Whether the server has closed the connection: a read sees end of stream or a reset, not a timeout. */
  private static boolean closedByServer(Socket socket) throws IOException {
    socket.setSoTimeout(100);
    try {
      return socket.getInputStream().read() == -1;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (SocketException e) {
      return true;
    }
  }

  /** Everything the server sent before it closed the connection; fails if it keeps the connection open. */
  private static String drain(Socket socket) throws IOException {
    socket.setSoTimeout((int) SLACK.toMillis());
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    InputStream in = socket.getInputStream();
    byte[] buffer = new byte[65536];
    try {
      for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
        received.write(buffer, 0, n);
      }
    } catch (SocketException e) {
      // a reset after the data that arrived: closed all the same
    }
    return received.toString(StandardCharsets.US_ASCII);
  }
}
