package dev.alignment.operator.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.alignment.api.v1alpha1.AlignmentRun;
import dev.alignment.api.v1alpha1.RewardModel;
import dev.alignment.api.v1alpha1.RewardModelPhase;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The operator scale benchmark's client (issue 13), run by hack/bench-operator.sh against an operator it started
 * on a bare control plane: creates RUNS AlignmentRuns by server-side apply from PARALLEL threads, watches for each
 * run's first Job, then measures the idle operator; prints a table and writes JSON and markdown to RESULTS_DIR.
 * Exits 1 when not every run got its Job in time. Not a test: nothing runs it during the build.
 */
public final class OperatorScaleBenchmark {
  private static final Duration LOG_EVERY = Duration.ofSeconds(5);
  /** Issue 13's target: every first Job within this long of the last create. */
  private static final Duration FIRST_JOBS_TARGET = Duration.ofSeconds(60);
  private static final Duration QUIET = Duration.ofSeconds(5);

  private OperatorScaleBenchmark() {}

  public static void main(String[] args) throws Exception {
    BenchSettings settings = BenchSettings.fromEnv(System.getenv());
    Config config = new ConfigBuilder(Config.autoConfigure(null))
        .withRequestTimeout(120_000)
        .withMaxConcurrentRequests(4 * settings.parallel())
        .withMaxConcurrentRequestsPerHost(4 * settings.parallel())
        .build();
    BenchResult result;
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
      result = run(settings, client);
    }
    String table = BenchTable.markdown(result);
    System.out.println();
    System.out.println(table);
    Files.createDirectories(settings.resultsDir());
    Path json = settings.resultsDir().resolve("operator-scale-" + settings.runs() + ".json");
    Path md = settings.resultsDir().resolve("operator-scale-" + settings.runs() + ".md");
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), result);
    Files.writeString(md, table);
    log("results: " + json + " and " + md);
    // The informers' threads would keep the JVM alive.
    System.exit(result.firstJobs().timedOut() ? 1 : 0);
  }

  private static BenchResult run(BenchSettings settings, KubernetesClient client)
      throws InterruptedException, IOException {
    String loadBefore = loadAverage();
    List<String> namespaces = new ArrayList<>();
    for (int n = 0; n < settings.namespaces(); n++) {
      namespaces.add(BenchManifests.namespace(n));
    }
    prepare(client, namespaces, settings);
    List<AlignmentRun> runs = new ArrayList<>();
    for (int i = 0; i < settings.runs(); i++) {
      runs.add(BenchManifests.run(namespaces.get(i % namespaces.size()), BenchManifests.runName(i)));
    }

    try (FirstJobWatch jobs = new FirstJobWatch(client); RunPhaseWatch phases = new RunPhaseWatch(client)) {
      Snapshot start = Snapshot.take(settings);
      log("creating " + settings.runs() + " runs with " + settings.parallel() + " threads");
      AtomicInteger created = new AtomicInteger();
      Thread progress = new Thread(() -> logWhile(() -> created.get() < settings.runs(),
          () -> "created " + created + ", runs with a Job " + jobs.runsWithJob()));
      progress.setDaemon(true);
      progress.start();
      RunBurst.Result burst = RunBurst.create(client, runs, settings.parallel(), created);
      progress.interrupt();
      int expected = settings.runs() - burst.failures().size();
      log("created " + burst.ackedNanos().size() + " runs in "
          + seconds(burst.lastAckNanos() - burst.startedNanos()) + " s; " + burst.failures().size() + " refused");
      burst.failures().entrySet().stream().limit(3).forEach(e -> log("refused " + e.getKey() + ": " + e.getValue()));

      boolean allJobs = await("runs with a Job", jobs::runsWithJob, expected, settings, () -> "");
      Map<String, Long> firstJobs = jobs.firstSeen();
      // Without every Job there is no idle operator to wait for; the window after is measured all the same.
      boolean settled = allJobs
          && await("runs past Pending", phases::pastPending, expected, settings, () -> " " + phases.counts())
          && awaitNoWrites(settings);
      Snapshot afterBurst = Snapshot.take(settings);
      if (!settled) {
        log("the operator has not settled; the window after the burst is not idle");
      }

      log("measuring the idle operator for " + settings.idle().toSeconds() + " s");
      double apiServerBefore = apiServerRequests(client);
      long apiServerFrom = System.nanoTime();
      long minRss = Long.MAX_VALUE;
      long maxRss = 0;
      long end = System.nanoTime() + settings.idle().toNanos();
      while (System.nanoTime() < end) {
        long rss = ProcessSample.of(settings.operatorPid()).rssBytes();
        minRss = Math.min(minRss, rss);
        maxRss = Math.max(maxRss, rss);
        Thread.sleep(Math.min(1000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
      }
      Snapshot idleEnd = Snapshot.take(settings);
      double apiServerRate = (apiServerRequests(client) - apiServerBefore) / seconds(System.nanoTime() - apiServerFrom);

      long lastJob = firstJobs.values().stream().mapToLong(Long::longValue).max().orElse(burst.lastAckNanos());
      long targetNanos = burst.lastAckNanos() + FIRST_JOBS_TARGET.toNanos();
      int withinTarget = (int) firstJobs.values().stream().filter(seen -> seen <= targetNanos).count();
      double createSeconds = seconds(burst.lastAckNanos() - burst.startedNanos());
      ProcessSample operatorEnd = idleEnd.operatorProcess();
      return new BenchResult(
          new BenchResult.Setup(machine(), loadBefore, loadAverage(), settings.runs(), settings.namespaces(),
              settings.parallel(), settings.operator()),
          new BenchResult.Creates(createSeconds, burst.ackedNanos().size() / createSeconds, burst.failures().size(),
              burst.failures().values().stream().findFirst().orElse(null)),
          new BenchResult.FirstJobs(firstJobs.size(), withinTarget, seconds(lastJob - burst.lastAckNanos()),
              Latencies.of(burst.ackedNanos(), firstJobs), !allJobs, settled),
          BenchResult.Window.between(start, afterBurst, settings.runs(), null),
          BenchResult.Window.between(afterBurst, idleEnd, idleEnd.secondsSince(afterBurst), apiServerRate),
          new BenchResult.Memory(settings.memoryLimitBytes(), operatorEnd.peakRssBytes(),
              afterBurst.operatorProcess().rssBytes(), minRss, maxRss, operatorEnd.rssBytes(),
              idleEnd.operator().map(OperatorScrape::heapUsedBytes).orElse(Double.NaN)),
          Stream.of(start, afterBurst, idleEnd).mapToDouble(Snapshot::scrapeSeconds).max().orElseThrow(),
          phases.counts());
    }
  }

  /** Namespaces and their imported RewardModels, applied and Ready before anything is measured. */
  private static void prepare(KubernetesClient client, List<String> namespaces, BenchSettings settings)
      throws InterruptedException {
    for (String ns : namespaces) {
      client.resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
          .fieldManager(RunBurst.FIELD_MANAGER).forceConflicts().serverSideApply();
      client.resource(BenchManifests.rewardModel(ns)).fieldManager(RunBurst.FIELD_MANAGER).forceConflicts()
          .serverSideApply();
    }
    LongSupplier ready = () -> client.resources(RewardModel.class).inAnyNamespace().list().getItems().stream()
        .filter(rm -> rm.getStatus() != null && rm.getStatus().phase == RewardModelPhase.Ready).count();
    if (!await("Ready reward models", ready, namespaces.size(), settings, () -> "")) {
      throw new IllegalStateException("the operator did not mark the imported reward models Ready");
    }
  }

  /**
   * Waits until the operator has sent no write for {@link #QUIET} (Events and status writes can trail the statuses),
   * so that the idle window starts idle; false when that takes longer than the stall time.
   */
  private static boolean awaitNoWrites(BenchSettings settings) throws InterruptedException {
    long deadline = System.nanoTime() + settings.stall().toNanos();
    double writes = Double.NaN;
    long quietSince = System.nanoTime();
    while (System.nanoTime() - quietSince < QUIET.toNanos()) {
      if (System.nanoTime() > deadline) {
        log("gave up waiting for the operator's writes to stop after " + settings.stall().toSeconds() + " s");
        return false;
      }
      Thread.sleep(1000);
      double now = OperatorScrape.of(settings.operatorMetrics()).map(OperatorScrape::writes).orElse(Double.NaN);
      if (Double.isNaN(now) || now != writes) {
        writes = now;
        quietSince = System.nanoTime();
      }
    }
    log("no writes from the operator for " + QUIET.toSeconds() + " s");
    return true;
  }

  /**
   * Polls {@code count} every 100 ms until it reaches {@code expected}, logging progress every few seconds; false
   * when the timeout passes first, or the count has not grown for the stall time.
   */
  private static boolean await(String what, LongSupplier count, long expected, BenchSettings settings,
      Supplier<String> detail) throws InterruptedException {
    long deadline = System.nanoTime() + settings.timeout().toNanos();
    long nextLog = System.nanoTime() + LOG_EVERY.toNanos();
    long last = count.getAsLong();
    long grewAt = System.nanoTime();
    while (last < expected) {
      long now = System.nanoTime();
      if (now > deadline || now - grewAt > settings.stall().toNanos()) {
        log("gave up waiting for " + what + " (" + (now > deadline ? "timeout" : "no progress for "
            + settings.stall().toSeconds() + " s") + "): " + last + " of " + expected + detail.get());
        return false;
      }
      if (now > nextLog) {
        log(what + ": " + last + " of " + expected + detail.get());
        nextLog += LOG_EVERY.toNanos();
      }
      Thread.sleep(100);
      long current = count.getAsLong();
      if (current > last) {
        last = current;
        grewAt = System.nanoTime();
      }
    }
    log(what + ": " + last + " of " + expected + detail.get());
    return true;
  }

  private static void logWhile(BooleanSupplier running, Supplier<String> progress) {
    try {
      while (running.getAsBoolean()) {
        Thread.sleep(LOG_EVERY.toMillis());
        log(progress.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Every request the API server has served, from every client, by its own count; NaN when it did not answer. */
  private static double apiServerRequests(KubernetesClient client) {
    try {
      String metrics = client.raw("/metrics");
      return metrics == null ? Double.NaN : PrometheusText.total(metrics, "apiserver_request_total");
    } catch (KubernetesClientException e) {
      log("no answer from the API server's /metrics: " + e.getMessage());
      return Double.NaN;
    }
  }

  private static String machine() throws IOException {
    String model = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
        .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
    return Runtime.getRuntime().availableProcessors() + " cores (" + model + "), Java " + Runtime.version();
  }

  private static String loadAverage() throws IOException {
    String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
    return fields[0] + " " + fields[1] + " " + fields[2];
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  private static void log(String message) {
    System.err.printf("[bench %tT] %s%n", System.currentTimeMillis(), message);
  }
}
