package dev.alignment.operator.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.javaoperatorsdk.operator.RuntimeInfo;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Serves {@code /healthz} (the process is up), {@code /readyz} (the operator started and every informer is
 * healthy) and {@code /metrics} (Prometheus text format) on one port, staying responsive while clients stall.
 */
public final class ProbeServer implements AutoCloseable {
  /**
   * Exchanges served at once. The JDK server reads a request's headers on the executor's thread, so each client
   * that stalls mid-request holds one thread until {@link ConnectionLimits} closes it; beyond this many the
   * server closes new connections at once instead of queueing them behind stalled ones.
   */
  static final int MAX_EXCHANGES = 16;
  /** Scrapes served at once: each holds a snapshot of every meter until its client has read it. */
  static final int MAX_SCRAPES = 2;
  private static final String METRICS_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService executor;

  private ProbeServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  public static ProbeServer start(int port, Supplier<RuntimeInfo> runtime, PrometheusMeterRegistry registry)
      throws IOException {
    ConnectionLimits.apply();
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
    server.createContext("/healthz", exchange -> respond(exchange, 200, "ok\n"));
    server.createContext("/readyz", exchange -> {
      Readiness readiness = Readiness.of(runtime.get());
      respond(exchange, readiness.ready() ? 200 : 503, readiness.message() + "\n");
    });
    Semaphore scrapes = new Semaphore(MAX_SCRAPES);
    server.createContext("/metrics", exchange -> {
      if (!scrapes.tryAcquire()) {
        respond(exchange, 503, MAX_SCRAPES + " scrapes already in progress\n");
        return;
      }
      try (OutputStream out = exchange.getResponseBody()) {
        exchange.getResponseHeaders().set("Content-Type", METRICS_TYPE);
        exchange.sendResponseHeaders(200, 0);
        registry.scrape(out);
      } finally {
        scrapes.release();
      }
    });
    ExecutorService executor = executor();
    server.setExecutor(executor);
    server.start();
    return new ProbeServer(server, executor);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private static ExecutorService executor() {
    AtomicInteger threads = new AtomicInteger();
    return new ThreadPoolExecutor(1, MAX_EXCHANGES, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
      Thread t = new Thread(r, "probe-server-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  private static void respond(HttpExchange exchange, int code, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
