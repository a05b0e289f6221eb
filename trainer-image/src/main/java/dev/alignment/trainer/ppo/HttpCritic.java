package dev.alignment.trainer.ppo;

import dev.alignment.contract.ExitCode;
import dev.alignment.trainer.base.BadInputException;
import dev.alignment.trainer.base.Json;
import dev.alignment.trainer.base.PeerLostException;
import dev.alignment.trainer.metrics.ProgressReporter;
import dev.alignment.trainer.model.Sequence;
import dev.alignment.trainer.training.ProcessExit;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The critic in another process, over HTTP ({@link CriticProtocol}). Connecting retries until the critic answers or
 * {@code ppo.startupTimeoutSeconds} pass (the two pods start in any order); then a daemon thread sends a heartbeat
 * every 2 s. The critic is lost when a call cannot reach it or no heartbeat got through for
 * {@code ppo.peerTimeoutSeconds}: calls in flight then fail with PeerLostException at once, and if the stage is still
 * running 5 s later (busy in a long computation) the process is ended through {@link ProcessExit} with exit code 3.
 */
final class HttpCritic implements Critic {
  private static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(2);
  private static final Duration EXIT_GRACE = Duration.ofSeconds(5);

  private final URI base;
  private final HttpClient client;
  private final CriticToken token;
  private final PeerWatchdog watchdog;
  private final ProcessExit processExit;
  private final ScheduledExecutorService heartbeats;
  private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();
  private volatile String lostReason;

  private HttpCritic(URI base, HttpClient client, CriticToken token, Duration peerTimeout, ProcessExit processExit) {
    this.base = base;
    this.client = client;
    this.token = token;
    this.watchdog = new PeerWatchdog("critic", peerTimeout, peerTimeout, System::nanoTime);
    this.processExit = processExit;
    this.heartbeats = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "critic-heartbeat");
      thread.setDaemon(true);
      return thread;
    });
    watchdog.heard();
    heartbeats.scheduleWithFixedDelay(this::beat, HEARTBEAT_INTERVAL.toMillis(), HEARTBEAT_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Waits for the critic at {@code base} to answer, then keeps in touch with it; every call carries {@code token}. A
   * critic that refuses the token (401) is not this attempt's: that fails at once.
   */
  static HttpCritic connect(URI base, CriticToken token, PpoSettings ppo, ProgressReporter progress, ProcessExit processExit)
      throws InterruptedException {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(HEARTBEAT_INTERVAL).build();
    long deadline = System.nanoTime() + ppo.startupTimeout().toNanos();
    progress.note("waiting for the critic at " + base);
    int status;
    while ((status = heartbeat(client, base, token)) != 200) {
      if (status == CriticProtocol.UNAUTHORIZED) {
        throw new IllegalStateException("the critic at " + base + " refused the token in critic.tokenFile (401)");
      }
      if (System.nanoTime() > deadline) {
        throw new PeerLostException("the critic at " + base + " did not answer within " + ppo.startupTimeout().toSeconds()
            + " s (ppo.startupTimeoutSeconds)");
      }
      Thread.sleep(HEARTBEAT_INTERVAL.toMillis() / 2);
    }
    progress.note("the critic at " + base + " answered");
    return new HttpCritic(base, client, token, ppo.peerTimeout(), processExit);
  }

  @Override
  public void resume(int step, int vocabSize) {
    Critic.await(send(CriticProtocol.RESUME, new CriticProtocol.Resume(step, vocabSize), CriticProtocol.Empty.class));
  }

  @Override
  public CriticEvaluation evaluate(List<Sequence> rollouts) {
    return Critic.await(send(CriticProtocol.EVALUATE, new CriticProtocol.Rollouts(rollouts), CriticEvaluation.class));
  }

  @Override
  public CompletableFuture<ValueStats> update(ValueBatch batch) {
    return send(CriticProtocol.UPDATE, batch, ValueStats.class);
  }

  @Override
  public void checkpoint(int step) {
    Critic.await(send(CriticProtocol.CHECKPOINT, new CriticProtocol.Step(step), CriticProtocol.Empty.class));
  }

  @Override
  public String finish() {
    return Critic.await(send(CriticProtocol.FINISH, new CriticProtocol.Empty(), CriticProtocol.Finished.class)).output();
  }

  @Override
  public void close() {
    heartbeats.shutdownNow();
  }

  private <T> CompletableFuture<T> send(String path, Object body, Class<T> type) {
    if (lostReason != null) {
      return CompletableFuture.failedFuture(new PeerLostException(lostReason));
    }
    HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
        .header("Content-Type", "application/json")
        .header(CriticToken.HEADER, token.header())
        .POST(HttpRequest.BodyPublishers.ofString(Json.GSON.toJson(body)))
        .build();
    CompletableFuture<T> result = client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, error) -> {
      if (error != null) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        lose("calling " + path + ": " + cause);
        throw new PeerLostException(lostReason, cause);
      }
      watchdog.heard();
      return switch (response.statusCode()) {
        case 200 -> Json.GSON.fromJson(response.body(), type);
        case CriticProtocol.BAD_INPUT -> throw new BadInputException(errorOf(response));
        default -> throw new IllegalStateException("the critic answered " + response.statusCode() + " to " + path + ": " + errorOf(response));
      };
    });
    inFlight.add(result);
    result.whenComplete((value, error) -> inFlight.remove(result));
    return result;
  }

  private void beat() {
    if (heartbeat(client, base, token) == 200) {
      watchdog.heard();
    }
    watchdog.lost().ifPresent(this::lose);
  }

  /** Marks the critic lost (once): fails the calls in flight now, and ends the process if the stage has not ended soon. */
  private synchronized void lose(String reason) {
    if (lostReason != null) {
      return;
    }
    lostReason = "lost the critic at " + base + ": " + reason;
    inFlight.forEach(call -> call.completeExceptionally(new PeerLostException(lostReason)));
    if (heartbeats.isShutdown()) {
      return;
    }
    heartbeats.schedule(() -> processExit.exit(ExitCode.PEER_LOST.code(), lostReason), EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The critic's answer to a heartbeat, or 0 when none came. */
  private static int heartbeat(HttpClient client, URI base, CriticToken token) {
    HttpRequest heartbeat = HttpRequest.newBuilder(base.resolve(CriticProtocol.HEARTBEAT))
        .timeout(HEARTBEAT_INTERVAL)
        .header(CriticToken.HEADER, token.header())
        .POST(HttpRequest.BodyPublishers.ofString("{}"))
        .build();
    try {
      return client.send(heartbeat, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  private static String errorOf(HttpResponse<String> response) {
    try {
      return Json.GSON.fromJson(response.body(), CriticProtocol.Error.class).error();
    } catch (RuntimeException e) {
      return response.body();
    }
  }
}
