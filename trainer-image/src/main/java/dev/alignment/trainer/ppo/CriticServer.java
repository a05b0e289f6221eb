package dev.alignment.trainer.ppo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.alignment.trainer.base.BadInputException;
import dev.alignment.trainer.base.Json;
import dev.alignment.trainer.base.PeerLostException;
import dev.alignment.trainer.metrics.ProgressReporter;
import dev.alignment.trainer.metrics.RecentValues;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Serves a critic over HTTP ({@link CriticProtocol}) to a PPO actor in another pod, reports the value updates as
 * progress, and watches for the actor: every authenticated, well-formed {@code /v1/} request counts as hearing from
 * it (health checks do not). Every {@code /v1/} call must carry the attempt's token; calls are checked (token,
 * method, path, body size, JSON, {@link CriticRequests}) before the critic acts, and one that fails a check gets a
 * 4xx answer and changes nothing: only a failure of the critic itself (500) fails the critic stage, with the same
 * message. Requests are answered on a pool of daemon threads large enough that a few stalled clients leave room for
 * the actor and health checks; a body not read within the read timeout closes its connection.
 */
final class CriticServer implements AutoCloseable {
  private static final long POLL_MILLIS = 200;
  /** The actor needs 3 at most (a call, a heartbeat, an update in flight); the rest absorb slow or stalled clients. */
  private static final int THREADS = 32;

  private final PeerWatchdog watchdog;
  private final CriticToken token;
  private final CriticLimits limits;
  private final CriticRequests checks;
  private final HttpServer server;
  private final ExecutorService executor;
  private final ScheduledExecutorService deadlines;
  private final RecentValues recent = new RecentValues();
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile boolean resumed;
  private volatile String output;
  private volatile RuntimeException failure;

  private CriticServer(Critic critic, Settings settings, PeerWatchdog watchdog, ProgressReporter progress) throws IOException {
    this.watchdog = watchdog;
    this.token = settings.token();
    this.limits = settings.limits();
    this.checks = new CriticRequests(limits);
    this.executor = Executors.newFixedThreadPool(THREADS, daemon("critic-http"));
    this.deadlines = Executors.newSingleThreadScheduledExecutor(daemon("critic-read-deadline"));
    this.server = HttpServer.create(new InetSocketAddress(settings.port()), 0);
    server.setExecutor(executor);
    server.createContext("/", exchange -> {
      try (exchange) {
        respond(exchange, CriticProtocol.NOT_FOUND, new CriticProtocol.Error("not found"));
      }
    });
    server.createContext(CriticProtocol.HEALTH, exchange -> {
      try (exchange) {
        if (!exchange.getRequestURI().getPath().equals(CriticProtocol.HEALTH)) {
          respond(exchange, CriticProtocol.NOT_FOUND, new CriticProtocol.Error("not found"));
        } else if (!"GET".equals(exchange.getRequestMethod())) {
          exchange.getResponseHeaders().set("Allow", "GET");
          respond(exchange, CriticProtocol.METHOD_NOT_ALLOWED, new CriticProtocol.Error("method not allowed"));
        } else {
          respond(exchange, 200, new CriticProtocol.Empty());
        }
      }
    });
    route(CriticProtocol.HEARTBEAT, CriticProtocol.Empty.class, UnaryOperator.identity(), request -> request);
    route(CriticProtocol.RESUME, CriticProtocol.Resume.class, checks::resume, request -> {
      critic.resume(request.step(), request.vocabSize());
      resumed = true;
      progress.note("the actor resumes after step " + request.step());
      progress.begin(request.step() + 1, settings.totalSteps());
      return new CriticProtocol.Empty();
    });
    route(CriticProtocol.EVALUATE, CriticProtocol.Rollouts.class, checks::rollouts,
        request -> critic.evaluate(request.rollouts()));
    route(CriticProtocol.UPDATE, ValueBatch.class, checks::update, request -> {
      ValueStats stats = Critic.await(critic.update(request));
      progress.step(request.step(), settings.totalSteps(), stats.metrics(), stats.tokens());
      recent.add(stats.metrics());
      return stats;
    });
    route(CriticProtocol.CHECKPOINT, CriticProtocol.Step.class, checks::checkpoint, request -> {
      critic.checkpoint(request.step());
      progress.note("critic checkpoint at step " + request.step());
      return new CriticProtocol.Empty();
    });
    route(CriticProtocol.FINISH, CriticProtocol.Empty.class, UnaryOperator.identity(), request -> {
      output = critic.finish();
      return new CriticProtocol.Finished(output);
    });
    server.start();
  }

  /**
   * How a critic serves: on {@code port} (0 picks a free one), to the holder of {@code token}, within
   * {@code limits}, for an actor that runs {@code totalSteps} iterations.
   */
  record Settings(int port, CriticToken token, CriticLimits limits, int totalSteps) {}

  static CriticServer start(Critic critic, Settings settings, PeerWatchdog watchdog, ProgressReporter progress) throws IOException {
    return new CriticServer(critic, settings, watchdog, progress);
  }

  int port() {
    return server.getAddress().getPort();
  }

  /**
   * Waits until the actor has called finish and been answered; the value model's URI. Throws what failed a request,
   * or PeerLostException when the actor is lost.
   */
  String awaitFinish() throws InterruptedException {
    while (!finished.await(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
      if (failure != null) {
        throw failure;
      }
      String lost = watchdog.lost().orElse(null);
      if (lost != null) {
        throw new PeerLostException(lost);
      }
    }
    return output;
  }

  /** The means of the recent value updates' metrics. */
  Map<String, Double> metrics() {
    return recent.means();
  }

  private <T> void route(String path, Class<T> type, UnaryOperator<T> check, Action<T> action) {
    server.createContext(path, exchange -> {
      try (exchange) {
        T request;
        try {
          request = accept(exchange, path, type, check);
        } catch (InvalidRequestException e) {
          respond(exchange, e.status(), new CriticProtocol.Error(e.getMessage()));
          return;
        }
        watchdog.heard();
        int status = 200;
        Object answer;
        try {
          answer = action.apply(request);
        } catch (InvalidRequestException | BadInputException e) {
          // The actor's request, not the critic, is at fault: the actor fails on the answer (exit 2 for bad input).
          status = e instanceof InvalidRequestException invalid ? invalid.status() : CriticProtocol.BAD_INPUT;
          answer = new CriticProtocol.Error(e.getMessage());
        } catch (IOException | RuntimeException e) {
          failure = new IllegalStateException("the critic failed on " + path + ": " + e, e);
          status = CriticProtocol.FAILED;
          answer = new CriticProtocol.Error(failure.getMessage());
        }
        respond(exchange, status, answer);
        if (output != null) {
          finished.countDown();
        }
      }
    });
  }

  /** The checked request, or an InvalidRequestException with the status to answer; the body is read only when authorised. */
  private <T> T accept(HttpExchange exchange, String path, Class<T> type, UnaryOperator<T> check) throws IOException {
    if (!exchange.getRequestURI().getPath().equals(path)) {
      throw new InvalidRequestException(CriticProtocol.NOT_FOUND, "not found");
    }
    if (!token.accepts(exchange.getRequestHeaders().getFirst(CriticToken.HEADER))) {
      exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
      throw new InvalidRequestException(CriticProtocol.UNAUTHORIZED, "unauthorized");
    }
    if (!"POST".equals(exchange.getRequestMethod())) {
      exchange.getResponseHeaders().set("Allow", "POST");
      throw new InvalidRequestException(CriticProtocol.METHOD_NOT_ALLOWED, "method not allowed");
    }
    if (!resumed && !path.equals(CriticProtocol.RESUME) && !path.equals(CriticProtocol.HEARTBEAT)) {
      throw new InvalidRequestException(CriticProtocol.CONFLICT, "resume must come first");
    }
    String body = new String(body(exchange), StandardCharsets.UTF_8);
    T request;
    try {
      request = Json.GSON.fromJson(body, type);
    } catch (RuntimeException e) { // JsonParseException, or a number that does not fit its field
      throw InvalidRequestException.badRequest("the body is not valid JSON for " + path);
    }
    return check.apply(request);
  }

  /** The request body, at most {@code maxBodyBytes}, read within the read timeout (else the connection is closed). */
  private byte[] body(HttpExchange exchange) throws IOException {
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    if (length != null && length.chars().allMatch(Character::isDigit) && length.length() < 19
        && Long.parseLong(length) > limits.maxBodyBytes()) {
      throw tooLarge();
    }
    ScheduledFuture<?> deadline =
        deadlines.schedule(exchange::close, limits.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
    try (InputStream in = exchange.getRequestBody()) {
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxBodyBytes() + 1));
      if (bytes.length > limits.maxBodyBytes()) {
        throw tooLarge();
      }
      return bytes;
    } finally {
      deadline.cancel(false);
    }
  }

  private InvalidRequestException tooLarge() {
    return new InvalidRequestException(CriticProtocol.TOO_LARGE,
        "the body is larger than " + limits.maxBodyBytes() + " bytes");
  }

  private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = Json.GSON.toJson(body).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private static ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    deadlines.shutdownNow();
  }

  /** What a route does with its request; the answer is sent as JSON. */
  private interface Action<T> {
    Object apply(T request) throws IOException;
  }
}
