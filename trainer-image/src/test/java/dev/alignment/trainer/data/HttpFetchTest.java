package dev.alignment.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.alignment.contract.HttpPolicy;
import dev.alignment.trainer.base.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.core5.util.Timeout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HttpFetch against a real JDK HTTP server on 127.0.0.1, a loopback address the default policy refuses. */
class HttpFetchTest {
  private static final String ROWS = "{\"prompt\":\"p\",\"chosen\":\"a\",\"rejected\":\"b\"}\n";
  private static final HttpPolicy LOOPBACK = new HttpPolicy(List.of(), List.of("127.0.0.1/32"), 1 << 20);
  private final AtomicInteger requests = new AtomicInteger();
  private HttpServer server;
  private String base;

  @BeforeEach
  void serve() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    base = "http://127.0.0.1:" + server.getAddress().getPort();
    server.createContext("/", exchange -> {
      requests.incrementAndGet();
      String path = exchange.getRequestURI().getPath();
      if (path.equals("/rows.jsonl")) {
        respond(exchange, 200, ROWS, true);
      } else if (path.equals("/big")) {
        respond(exchange, 200, "x".repeat(5000), true);
      } else if (path.equals("/big-chunked")) {
        respond(exchange, 200, "x".repeat(5000), false);
      } else if (path.startsWith("/hop/")) {
        int left = Integer.parseInt(path.substring("/hop/".length()));
        redirect(exchange, left == 0 ? "/rows.jsonl" : "/hop/" + (left - 1));
      } else if (path.equals("/to-metadata")) {
        redirect(exchange, "http://169.254.169.254/latest/meta-data/");
      } else if (path.equals("/to-loopback")) {
        redirect(exchange, "http://127.0.0.2:" + server.getAddress().getPort() + "/rows.jsonl");
      } else if (path.equals("/to-file")) {
        redirect(exchange, "file:///etc/passwd");
      } else if (path.equals("/secret-error")) {
        respond(exchange, 500, "internal token abc123", true);
      } else {
        respond(exchange, 404, "no such thing", true);
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void theDefaultPolicyRefusesALoopbackServerBeforeConnecting() {
    assertThatThrownBy(() -> fetch(HttpPolicy.DEFAULT, base + "/rows.jsonl"))
        .isInstanceOf(BadInputException.class)
        .hasMessage(base + "/rows.jsonl resolves to a loopback address, refused by the operator's http policy");
    assertThat(requests).hasValue(0);
  }

  @Test
  void allowedCidrsLetAPrivateRangeThrough() throws IOException {
    assertThat(fetch(LOOPBACK, base + "/rows.jsonl")).isEqualTo(ROWS);
    assertThat(fetch(new HttpPolicy(List.of(), List.of("127.0.0.0/8"), 100), base + "/rows.jsonl")).isEqualTo(ROWS);
  }

  @Test
  void aLiteralLinkLocalAddressIsRefused() {
    assertThatThrownBy(() -> fetch(LOOPBACK, "http://169.254.169.254/latest/meta-data/"))
        .isInstanceOf(BadInputException.class)
        .hasMessage("http://169.254.169.254/latest/meta-data/ resolves to a link-local address, refused by the "
            + "operator's http policy");
    assertThatThrownBy(() -> fetch(LOOPBACK, "http://[fe80::1]/x")).hasMessageContaining("a link-local address");
    assertThatThrownBy(() -> fetch(LOOPBACK, "http://[::ffff:10.1.2.3]/x")).hasMessageContaining("a private address");
  }

  @Test
  void redirectsAreFollowedByHandAtMostFiveTimes() throws IOException {
    assertThat(fetch(LOOPBACK, base + "/hop/4")).isEqualTo(ROWS);
    assertThat(requests).hasValue(6);
    assertThatThrownBy(() -> fetch(LOOPBACK, base + "/hop/5"))
        .isInstanceOf(BadInputException.class)
        .hasMessage(base + "/hop/5: more than 5 redirects, refused by the operator's http policy");
  }

  @Test
  void everyRedirectIsCheckedLikeTheFirstUri() {
    assertThatThrownBy(() -> fetch(LOOPBACK, base + "/to-metadata"))
        .isInstanceOf(BadInputException.class)
        .hasMessage(base + "/to-metadata: redirected to http://169.254.169.254/latest/meta-data/, which resolves to a "
            + "link-local address, refused by the operator's http policy");
    assertThatThrownBy(() -> fetch(LOOPBACK, base + "/to-loopback"))
        .hasMessageContaining("which resolves to a loopback address, refused by the operator's http policy");
    assertThatThrownBy(() -> fetch(LOOPBACK, base + "/to-file"))
        .hasMessage(base + "/to-file: redirected to file:///etc/passwd, which is not http(s), refused by the operator's "
            + "http policy");
  }

  @Test
  void aBodyLargerThanMaxBytesIsRefusedWhetherItsLengthIsKnownOrNot() {
    HttpPolicy small = new HttpPolicy(List.of(), List.of("127.0.0.1/32"), 4096);

    assertThatThrownBy(() -> fetch(small, base + "/big"))
        .isInstanceOf(BadInputException.class)
        .hasMessage(base + "/big: 5000 bytes, more than the 4096 bytes, refused by the operator's http policy");
    assertThatThrownBy(() -> fetch(small, base + "/big-chunked"))
        .isInstanceOf(BadInputException.class)
        .hasMessage(base + "/big-chunked: more than 4096 bytes, refused by the operator's http policy");
  }

  @Test
  void allowedHostsNarrowWhichHostsMayBeNamed() {
    HttpPolicy onlyData = new HttpPolicy(List.of("data.example.com"), List.of("127.0.0.1/32"), 100);

    assertThatThrownBy(() -> fetch(onlyData, base + "/rows.jsonl"))
        .hasMessage(base + "/rows.jsonl: host 127.0.0.1 is not in the operator's allowed hosts, refused by the "
            + "operator's http policy");
  }

  @Test
  void statusesNameTheUriAndNeverTheBody() {
    assertThatThrownBy(() -> fetch(LOOPBACK, base + "/missing"))
        .isInstanceOf(BadInputException.class).hasMessage(base + "/missing: not found (HTTP 404)");
    assertThatThrownBy(() -> fetch(LOOPBACK, base + "/secret-error"))
        .isInstanceOf(IOException.class).isNotInstanceOf(BadInputException.class)
        .hasMessage(base + "/secret-error: HTTP 500");
  }

  private static String fetch(HttpPolicy policy, String uri) throws IOException {
    try (InputStream in = new HttpFetch(policy, Timeout.ofSeconds(5), Timeout.ofSeconds(5)).open(uri)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static void redirect(HttpExchange exchange, String location) throws IOException {
    exchange.getResponseHeaders().add("Location", location);
    exchange.sendResponseHeaders(302, -1);
    exchange.close();
  }

  private static void respond(HttpExchange exchange, int status, String body, boolean knownLength) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, knownLength ? bytes.length : 0);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
