package dev.alignment.trainer.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Serves {@code /metrics} through the client library's handler and remembers which update the newest full scrape
 * answered, so that a finished stage can wait for one that carried its last values. A full scrape is one that asks
 * for every series, as Prometheus does; the operator's progress probe names the few it reads ({@code name[]=...}) and
 * does not count.
 */
final class ScrapeWatch implements HttpHandler {
  private static final String NAME_FILTER = "name[]";

  private final HttpHandler metrics;
  private final LongSupplier updates;
  private long fullScrapes;
  private long newestUpdateAnswered = -1;

  /** {@code updates} counts the updates of the registry; it is read before each scrape collects. */
  ScrapeWatch(HttpHandler metrics, LongSupplier updates) {
    this.metrics = metrics;
    this.updates = updates;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    boolean full = !filtersByName(exchange.getRequestURI().getRawQuery());
    long update = updates.getAsLong();
    metrics.handle(exchange);
    if (full) {
      answered(update);
    }
  }

  private synchronized void answered(long update) {
    fullScrapes++;
    newestUpdateAnswered = Math.max(newestUpdateAnswered, update);
    notifyAll();
  }

  synchronized long fullScrapes() {
    return fullScrapes;
  }

  /** Waits until a full scrape has answered with update {@code update} or a later one, for at most {@code limit}. */
  synchronized boolean awaitAnswered(long update, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (newestUpdateAnswered < update) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  private static boolean filtersByName(String rawQuery) {
    return rawQuery != null && Arrays.stream(rawQuery.split("&"))
        .map(pair -> URLDecoder.decode(pair.split("=", 2)[0], StandardCharsets.UTF_8))
        .anyMatch(NAME_FILTER::equals);
  }
}
