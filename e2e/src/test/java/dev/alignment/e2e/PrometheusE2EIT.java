package dev.alignment.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.alignment.api.v1alpha1.AlignmentRun;
import dev.alignment.api.v1alpha1.RunPhase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A real Prometheus (hack/prometheus.sh: Kubernetes service discovery of the local cluster, the chart's alert rules)
 * scrapes the operator and the trainer pods of a small pipeline: a dataset, a reward model, a DPO run with SFT and
 * evaluation, a PPO run (actor and critic pods) against that reward model, and a run that fails at once. Then every PromQL expression of the chart's dashboards and alert rules,
 * read from the files, is run against it with this namespace and run substituted: each returns data, or is listed
 * below as allowed to be empty, with the reason.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrometheusE2EIT {
  private static final String DATASET = "prefs";
  private static final String REWARD_MODEL = "observed-rm";
  private static final String RUN = "observed";
  private static final String PPO_RUN = "observed-ppo";
  private static final String FAILING_RUN = "broken";
  private static final Duration STEP = Duration.ofSeconds(2);

  /** Dashboard targets (file: panel [refId]) and alerts that may return nothing here, and why. */
  private static final Map<String, String> ALLOWED_EMPTY = Map.ofEntries(
      Map.entry("alignment-operator.json: Stage retries [A]",
          "only after a retryable stage failure; nothing here retries (the failing run fails on bad input, not retried)"),
      Map.entry("alignment-operator.json: GPUs requested by trainer pods [A]",
          "kube-state-metrics series; the local cluster runs no kube-state-metrics"),
      Map.entry("alert AlignmentStageFailed",
          "fires for a new failure only if this Prometheus already scraped 10 minutes earlier (a fresh one cannot date "
              + "failures); a fresh Prometheus here; promtool's unit test covers it, its series are checked below"),
      Map.entry("alert AlignmentStageStuck", "holds at a stage's first scrape (one sample, no change yet) and fires only after "
          + "10 minutes without a step; these trainers progress (promtool test)"),
      Map.entry("alert AlignmentKlBlowUp", "fires only above 20 nats; promtool test covers it"),
      Map.entry("alert AlignmentNegativeKl", "fires only below -0.1 nats; promtool test covers it"),
      Map.entry("alert AlignmentRewardModelLowAccuracy",
          "fires only when a reward model stays below 60% past half of its steps; this one learns (promtool test)"));

  /** Series selectors (as written in the files) that may match nothing here, and why. */
  private static final Map<String, String> SELECTORS_ALLOWED_EMPTY = Map.ofEntries(
      Map.entry("alignment_stage_retries_total", "registered at the first retry; nothing here retries"),
      Map.entry("operator_sdk_reconciliations_failed_total{kind=~\"$kind\"}", "registered at the first reconcile error; none here"),
      Map.entry("operator_sdk_reconciliations_started_total{kind=~\"$kind\", reconciliations_retries_number!=\"0\"}",
          "reconciliations JOSDK retried after an error; none here"),
      Map.entry("kube_pod_container_resource_requests{resource=\"nvidia_com_gpu\"}", "kube-state-metrics; not in the local cluster"),
      Map.entry("kube_pod_labels{label_app_kubernetes_io_name=\"alignment-trainer\"}", "kube-state-metrics; not in the local cluster"),
      Map.entry("kube_pod_status_phase{phase=\"Running\"}", "kube-state-metrics; not in the local cluster"));

  private static LocalCluster cluster;
  private static Prometheus prometheus;
  private static String ns;
  private static Instant start;

  @BeforeAll
  static void clusterAndPrometheus() {
    cluster = LocalCluster.get();
    prometheus = Prometheus.get();
    ns = cluster.newNamespace("prom");
    start = Instant.now().minusSeconds(10);
  }

  @Test
  @Order(1)
  void prometheusFindsTheOperatorThroughItsMetricsServiceAndLoadsTheChartsRules() {
    await("operator target up").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
        assertThat(prometheus.activeTargets())
            .filteredOn(t -> t.get("job").equals("alignment-operator-metrics"))
            .isNotEmpty()
            .allSatisfy(t -> {
              assertThat(t).containsEntry("__health__", "up").containsEntry("namespace", "alignment-system");
              assertThat(t.get("__scrapeUrl__")).endsWith(":8080/metrics");
            }));
    Set<String> alerts = MonitoringQueries.alertQueries().stream()
        .map(q -> q.source().substring("alert ".length())).collect(Collectors.toSet());
    await("rules loaded and evaluated").atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(prometheus.healthyRules()).containsAll(alerts));
  }

  @Test
  @Order(2)
  void trainerPodsAreScrapedWhileTheyRunAndThePipelineSucceeds() {
    cluster.apply(ns, pipeline());

    // Discovered through the API server as pods come and go: a trainer target of this namespace, up, with the
    // pod's labels as target labels.
    // (Long timeouts: on a shared two-core node the first pod may wait minutes for CPU.)
    await("a trainer target of " + ns + " up").atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(1))
        .untilAsserted(() -> assertThat(prometheus.activeTargets())
            .anySatisfy(t -> assertThat(t).containsEntry("job", "alignment-trainer").containsEntry("namespace", ns)
                .containsEntry("__health__", "up").containsKeys("owner", "owner_kind", "pod", "attempt")));

    cluster.kubectl(null, "wait", "-n", ns, "--for=condition=Succeeded", "arun/" + RUN, "arun/" + PPO_RUN, "--timeout=900s");
    AlignmentRun failing = await().atMost(Duration.ofMinutes(2)).until(
        () -> cluster.client.resources(AlignmentRun.class).inNamespace(ns).withName(FAILING_RUN).get(),
        r -> r.getStatus() != null && r.getStatus().phase == RunPhase.Failed);
    assertThat(failing.getStatus().stages.get(0).message).contains("no-such-preset");

    // Every stage that trains was scraped while it ran: its step series is there, up to its last steps.
    Map<String, Double> lastStep = new LinkedHashMap<>();
    for (var s : prometheus.queryRange(
        "max by (owner, stage) (max_over_time(alignment_trainer_step{namespace=\"" + ns + "\"}[1m]))", start, Instant.now(), STEP)) {
      lastStep.put(s.labels().get("owner") + "/" + s.labels().get("stage"), s.values().get(s.values().size() - 1));
    }
    System.out.println("[prometheus-e2e] highest step scraped per stage: " + lastStep);
    assertThat(lastStep).containsKeys(REWARD_MODEL + "/reward", RUN + "/sft", RUN + "/dpo", PPO_RUN + "/ppo-actor", PPO_RUN + "/ppo-critic");
    assertThat(prometheus.queryRange("up{job=\"alignment-trainer\", namespace=\"" + ns + "\"} == 1", start, Instant.now(), STEP))
        .extracting(s -> s.labels().get("owner")).contains(REWARD_MODEL, RUN, PPO_RUN);
  }

  @Test
  @Order(3)
  void theOperatorExportsEachRunsEvaluationResultsFromItsStatus() {
    AlignmentRun run = cluster.client.resources(AlignmentRun.class).inNamespace(ns).withName(RUN).get();
    double winRate = run.getStatus().results.winRate;
    // The eval pod is long gone; the operator serves the result from its cache, labelled with the run's namespace.
    await("alignment_run_result of " + RUN).atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
        assertThat(prometheus.queryRange("alignment_run_result{namespace=\"" + ns + "\", run=\"" + RUN + "\", name=\"winRate\"}",
            Instant.now().minusSeconds(10), Instant.now(), STEP))
            .singleElement()
            .satisfies(series -> {
              assertThat(series.labels()).containsEntry("algorithm", "DPO").containsEntry("job", "alignment-operator-metrics");
              assertThat(series.values()).last().isEqualTo(winRate);
            }));
  }

  @Test
  @Order(4)
  void everyDashboardAndAlertExpressionReturnsDataOrIsAllowedToBeEmpty() {
    List<MonitoringQueries.Query> queries = new ArrayList<>(MonitoringQueries.dashboardQueries());
    queries.addAll(MonitoringQueries.alertQueries());
    assertThat(queries).hasSizeGreaterThan(30);
    Set<String> sources = queries.stream().map(MonitoringQueries.Query::source).collect(Collectors.toSet());
    assertThat(sources).as("allowed-empty entries name real queries").containsAll(ALLOWED_EMPTY.keySet());

    Map<String, String> report = new LinkedHashMap<>();
    await("every expression returns data").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(5)).untilAsserted(() -> {
      Instant end = Instant.now();
      Map<String, String> vars = variables(end);
      List<String> empty = new ArrayList<>();
      report.clear();
      for (MonitoringQueries.Query q : queries) {
        var result = prometheus.queryRange(MonitoringQueries.substitute(q.expr(), vars), start, end, STEP);
        report.put(q.source(), describe(result));
        if (result.isEmpty() && !ALLOWED_EMPTY.containsKey(q.source())) {
          empty.add(q.source() + ": " + q.expr());
        }
      }
      assertThat(empty).as("expressions without data").isEmpty();
    });
    report.forEach((source, result) -> System.out.println("[prometheus-e2e] " + source + " -> " + result
        + (ALLOWED_EMPTY.containsKey(source) ? "   (allowed empty: " + ALLOWED_EMPTY.get(source) + ")" : "")));
  }

  @Test
  @Order(5)
  void everySeriesSelectorBehindTheExpressionsMatchesSeriesOrIsAllowedToBeEmpty() {
    Set<String> selectors = new TreeSet<>();
    MonitoringQueries.dashboardQueries().forEach(q -> selectors.addAll(MonitoringQueries.selectors(q.expr())));
    MonitoringQueries.alertQueries().forEach(q -> selectors.addAll(MonitoringQueries.selectors(q.expr())));
    assertThat(selectors).as("allowed-empty selectors are used").containsAll(SELECTORS_ALLOWED_EMPTY.keySet());

    Instant end = Instant.now();
    Map<String, String> vars = variables(end);
    List<String> empty = new ArrayList<>();
    for (String selector : selectors) {
      int n = prometheus.series(MonitoringQueries.substitute(selector, vars), start, end).size();
      System.out.println("[prometheus-e2e] selector " + selector + " -> " + n + " series"
          + (SELECTORS_ALLOWED_EMPTY.containsKey(selector) ? "   (allowed empty: " + SELECTORS_ALLOWED_EMPTY.get(selector) + ")" : ""));
      if (n == 0 && !SELECTORS_ALLOWED_EMPTY.containsKey(selector)) {
        empty.add(selector);
      }
    }
    assertThat(empty).as("selectors that match no series").isEmpty();
  }

  @Test
  @Order(6)
  void dashboardVariablesOfferThisNamespaceRunAndRewardModel() {
    Instant end = Instant.now();
    Map<String, String> vars = variables(end);
    Map<String, List<String>> expected = Map.of("namespace", List.of(ns), "run", List.of(RUN, PPO_RUN), "reward_model", List.of(REWARD_MODEL));
    for (MonitoringQueries.Variable v : MonitoringQueries.dashboardVariables()) {
      Set<String> offered = prometheus.series(MonitoringQueries.substitute(v.selector(), vars), start, end).stream()
          .map(labels -> labels.get(v.label())).filter(x -> x != null).collect(Collectors.toCollection(TreeSet::new));
      System.out.println("[prometheus-e2e] " + v.source() + " = label_values(" + v.selector() + ", " + v.label() + ") offers " + offered);
      assertThat(offered).as(v.source()).isNotEmpty();
      if (expected.containsKey(v.name())) {
        assertThat(offered).as(v.source()).containsAll(expected.get(v.name()));
      }
    }
  }

  @Test
  @Order(7)
  void theRunFailedAlertFiresForTheFailedRun() {
    await("AlignmentRunFailed firing").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
        assertThat(prometheus.alerts()).anySatisfy(a -> assertThat(a)
            .containsEntry("alertname", "AlignmentRunFailed").containsEntry("algorithm", "DPO")
            .containsEntry("severity", "warning").containsEntry("__state__", "firing")));
  }

  /** Grafana's variables as a user looking at this test's runs would set them (both runs selected in $run). */
  private static Map<String, String> variables(Instant end) {
    long range = Math.max(60, end.getEpochSecond() - start.getEpochSecond());
    return Map.of("namespace", ns, "run", "(" + RUN + "|" + PPO_RUN + ")", "reward_model", REWARD_MODEL, "kind", ".+",
        // Grafana: max(4 x scrape interval, step + scrape interval); the scrape interval here is 2 s.
        "__rate_interval", "10s", "__interval", STEP.toSeconds() + "s", "__range", range + "s", "datasource", "prometheus");
  }

  private static String describe(List<Prometheus.Series> result) {
    if (result.isEmpty()) {
      return "no data";
    }
    return result.size() + " series, e.g. " + result.get(0).labels() + " last " + result.get(0).values().get(result.get(0).values().size() - 1);
  }

  /**
   * The dataset, the reward model, the DPO run (SFT, DPO, eval), the PPO run from a fresh tiny policy against that
   * reward model (actor and critic pods), and a run that fails at once: the trainer rejects its model preset as bad
   * input (exit code 2, not retried).
   */
  private static String pipeline() {
    return SmallRuns.documents(
        SmallRuns.dataset(DATASET),
        SmallRuns.manifest("RewardModel", REWARD_MODEL, """
            preferenceDataset: %s
            model: {uri: "builtin://tiny"}
            training: {steps: %d, batchSize: 16}
            resources: {cpu: 500m, memory: 1Gi}
            """.formatted(DATASET, Steps.REWARD)),
        SmallRuns.run(RUN, DATASET, 0, Steps.SFT, Steps.DPO),
        SmallRuns.manifest("AlignmentRun", PPO_RUN, """
            algorithm: PPO
            rewardModel: %s
            training: {steps: %d, batchSize: 16}
            ppo: {topology: Split, klCoef: 0.05, rolloutBatchSize: 16, epochs: 2, maxNewTokens: 8}
            evaluation: {samples: 16}
            resources:
              trainer: {cpu: 500m, memory: 1Gi}
              critic: {cpu: 300m, memory: 1Gi}
              eval: {cpu: 500m, memory: 1Gi}
            """.formatted(REWARD_MODEL, Steps.PPO)),
        SmallRuns.manifest("AlignmentRun", FAILING_RUN, """
            algorithm: DPO
            preferenceDataset: %s
            model: {uri: "builtin://no-such-preset"}
            training: {steps: 5, batchSize: 16}
            maxRetries: 0
            resources:
              trainer: {cpu: 200m, memory: 1Gi}
            """.formatted(DATASET)));
  }

  /**
   * Long enough that each training stage is scraped several times at a 2 s interval, short enough to be quick. A
   * stage that ends before its first scrape is never seen (docs/metrics.md); 100 DPO steps, a few seconds since the
   * trainer got faster, once were.
   */
  private static final class Steps {
    static final int REWARD = 200;
    static final int SFT = 200;
    static final int DPO = 400;
    static final int PPO = 12;
  }
}
