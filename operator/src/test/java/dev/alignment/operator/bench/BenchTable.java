package dev.alignment.operator.bench;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders a {@link BenchResult} as a compact markdown table, with the targets beside the figures. */
final class BenchTable {
  private static final double MIB = 1024 * 1024;
  private static final int KINDS_SHOWN = 5;

  private BenchTable() {}

  static String markdown(BenchResult r) {
    BenchResult.Setup s = r.setup();
    StringBuilder md = new StringBuilder();
    md.append(f("%d runs in %d namespaces, %d client threads; %s%n",
        s.runs(), s.namespaces(), s.parallel(), s.machine()));
    md.append(f("operator: %s%n", s.operator()));
    md.append(f("load average before %s, after %s%n%n", s.loadBefore(), s.loadAfter()));
    md.append("| figure | value | target |\n|---|---|---|\n");
    BenchResult.Creates c = r.creates();
    row(md, "runs created (server-side apply)",
        f("%d in %.1f s (%.0f/s), %d refused", s.runs() - c.refused(), c.seconds(), c.perSecond(), c.refused()), "");
    BenchResult.FirstJobs j = r.firstJobs();
    row(md, "all first Jobs, after the last create", j.timedOut()
        ? f("gave up: %d of %d runs had a Job, the last seen %.1f s after the last create", j.runsWithJob(), s.runs(),
            j.afterLastCreateSeconds())
        : f("%.1f s", j.afterLastCreateSeconds()), "≤ 60 s");
    row(md, "runs with their first Job within 60 s of the last create", f("%d of %d", j.withinTarget(), s.runs()),
        "all");
    Latencies l = j.latency();
    row(md, "create → first Job, p50 / p95 / max",
        f("%.2f / %.2f / %.2f s (%d runs)", l.p50Seconds(), l.p95Seconds(), l.maxSeconds(), l.runs()), "");
    BenchResult.Window b = r.burst();
    row(md, "operator API requests per run, burst",
        f("%.2f (%s) over %.0f s", b.operatorRequestsPerRun(), kinds(b.requestsByKind(), "%.2f"), b.seconds()), "");
    BenchResult.Window i = r.idle();
    row(md, "operator API requests per second, " + (j.settled() ? "idle" : "after the burst (NOT idle)"),
        f("%.2f (%s) over %.0f s", i.operatorRequestsPerRun(), kinds(i.requestsByKind(), "%.2f"), i.seconds()), "< 1");
    if (i.apiServerRequestsPerSecond() != null) {
      row(md, "kube-apiserver requests per second, idle (all clients)", f("%.2f", i.apiServerRequestsPerSecond()), "");
    }
    row(md, "operator CPU, burst", f("%.1f s (%.2f cores)", b.cpuSeconds().get(Snapshot.OPERATOR),
        b.cpuCores().get(Snapshot.OPERATOR)), "");
    row(md, "operator CPU, idle", f("%.2f cores", i.cpuCores().get(Snapshot.OPERATOR)), "");
    BenchResult.Memory m = r.memory();
    row(md, "operator RSS: peak / after burst / idle (min–max)",
        f("%.0f / %.0f / %.0f–%.0f MiB (heap in use at the end %.0f MiB)", m.peakRssBytes() / MIB,
            m.rssAfterBurstBytes() / MIB, m.idleMinRssBytes() / MIB, m.idleMaxRssBytes() / MIB,
            m.heapUsedBytes() / MIB),
        f("≤ %.0f MiB (memory limit)", m.limitBytes() / MIB));
    row(md, "CPU by process, burst (cores)", cores(b.cpuCores()), "");
    row(md, "CPU by process, idle (cores)", cores(i.cpuCores()), "");
    row(md, "machine busy, burst / idle", f("%.0f%% / %.0f%% of %s", 100 * b.machineBusy(), 100 * i.machineBusy(),
        Runtime.getRuntime().availableProcessors() + " cores"), "");
    row(md, "slowest answer of the operator's /metrics", f("%.1f s (gives up after %d s)", r.slowestMetricsSeconds(),
        OperatorScrape.TIMEOUT.toSeconds()), "");
    row(md, "run phases at the end", r.runPhases().toString(), "");
    return md.toString();
  }

  private static String kinds(Map<String, Double> byKind, String format) {
    String shown = byKind.entrySet().stream().limit(KINDS_SHOWN)
        .map(e -> e.getKey() + " " + f(format, e.getValue())).collect(Collectors.joining(", "));
    return byKind.size() > KINDS_SHOWN ? shown + ", …" : shown;
  }

  private static String cores(Map<String, Double> cores) {
    return cores.entrySet().stream().map(e -> e.getKey() + " " + f("%.2f", e.getValue()))
        .collect(Collectors.joining(", "));
  }

  private static void row(StringBuilder md, String figure, String value, String target) {
    md.append("| ").append(figure).append(" | ").append(value).append(" | ").append(target).append(" |\n");
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
