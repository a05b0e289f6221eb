package dev.alignment.trainer.ppo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.alignment.trainer.base.BadInputException;
import dev.alignment.trainer.base.Json;
import dev.alignment.trainer.base.PeerLostException;
import dev.alignment.trainer.metrics.ProgressReporter;
import dev.alignment.trainer.metrics.RecentValues;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Serves a critic over HTTP ({@link CriticProtocol}) to a PPO actor in another pod, reports the value updates as
 * progress, and watches for the actor: every {@code /v1/} request counts as hearing from it (health checks do not).
 * Requests are answered on a small pool of daemon threads so heartbeats get through while an update runs; the critic
 * serialises the work itself. A failed request fails the critic stage too, with the same message.
 */
final class CriticServer implements AutoCloseable {
  private static final long POLL_MILLIS = 200;
  private static final int THREADS = 4;

  private final PeerWatchdog watchdog;
  private final HttpServer server;
  private final ExecutorService executor;
  private final RecentValues recent = new RecentValues();
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile String output;
  private volatile RuntimeException failure;

  private CriticServer(Critic critic, PeerWatchdog watchdog, ProgressReporter progress, int totalSteps, int port) throws IOException {
    this.watchdog = watchdog;
    this.executor = Executors.newFixedThreadPool(THREADS, runnable -> {
      Thread thread = new Thread(runnable, "critic-http");
      thread.setDaemon(true);
      return thread;
    });
    this.server = HttpServer.create(new InetSocketAddress(port), 0);
    server.setExecutor(executor);
    server.createContext(CriticProtocol.HEALTH, exchange -> {
      try (exchange) {
        respond(exchange, 200, new CriticProtocol.Empty());
      }
    });
    route(CriticProtocol.HEARTBEAT, CriticProtocol.Empty.class, request -> request);
    route(CriticProtocol.RESUME, CriticProtocol.Resume.class, request -> {
      critic.resume(request.step(), request.vocabSize());
      progress.note("the actor resumes after step " + request.step());
      progress.begin(request.step() + 1, totalSteps);
      return new CriticProtocol.Empty();
    });
    route(CriticProtocol.EVALUATE, CriticProtocol.Rollouts.class, request -> critic.evaluate(request.rollouts()));
    route(CriticProtocol.UPDATE, ValueBatch.class, request -> {
      ValueStats stats = Critic.await(critic.update(request));
      progress.step(request.step(), totalSteps, stats.metrics(), stats.tokens());
      recent.add(stats.metrics());
      return stats;
    });
    route(CriticProtocol.CHECKPOINT, CriticProtocol.Step.class, request -> {
      critic.checkpoint(request.step());
      progress.note("critic checkpoint at step " + request.step());
      return new CriticProtocol.Empty();
    });
    route(CriticProtocol.FINISH, CriticProtocol.Empty.class, request -> {
      output = critic.finish();
      return new CriticProtocol.Finished(output);
    });
    server.start();
  }

  /** Serves {@code critic} on {@code port} (0 picks a free one) for an actor that runs {@code totalSteps} iterations. */
  static CriticServer start(int port, Critic critic, PeerWatchdog watchdog, ProgressReporter progress, int totalSteps) throws IOException {
    return new CriticServer(critic, watchdog, progress, totalSteps, port);
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

  private <T> void route(String path, Class<T> type, Action<T> action) {
    server.createContext(path, exchange -> {
      try (exchange) {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        watchdog.heard();
        int status = 200;
        Object answer;
        try {
          answer = action.apply(Json.GSON.fromJson(body, type));
        } catch (BadInputException e) {
          failure = e;
          status = CriticProtocol.BAD_INPUT;
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

  private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = Json.GSON.toJson(body).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  /** What a route does with its request; the answer is sent as JSON. */
  private interface Action<T> {
    Object apply(T request) throws IOException;
  }
}
