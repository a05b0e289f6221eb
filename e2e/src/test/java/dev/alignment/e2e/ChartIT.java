package dev.alignment.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The chart lints clean and renders what the operator needs, no more: real helm, built from source. */
class ChartIT {
  private static final String OPERATOR_ACCOUNT = "system:serviceaccount:alignment-system:t-alignment-operator";

  private static Path helm;
  private static ApiServer api;

  @BeforeAll
  static void helm() {
    helm = Path.of(Shell.lastLine(Shell.script("hack/build-k8s.sh", "helm"))).resolve("helm");
  }

  @AfterAll
  static void stopApiServer() {
    if (api != null) {
      api.close();
    }
  }

  @Test
  void lintsCleanInStrictMode() {
    assertThat(helm("lint", "--strict", "charts/alignment-operator")).contains("0 chart(s) failed");
    assertThat(helm("lint", "--strict", "charts/alignment-operator", "--set", "watchNamespaces={team-a}", "--set", "networkPolicy.enabled=true",
        "--set", "replicaCount=2")).contains("0 chart(s) failed");
  }

  @Test
  void rendersANonRootReadOnlyDeploymentWithProbesAndLeastPrivilegeRbac() {
    List<HasMetadata> objects = render("--set", "replicaCount=2");

    Deployment deployment = only(objects, Deployment.class);
    var pod = deployment.getSpec().getTemplate().getSpec();
    var container = pod.getContainers().get(0);
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
    ClusterRole role = operatorRole(objects);
    assertThat(runtimesRole(objects).getRules()).as("the one cluster-wide grant: reading the TrainerRuntimes")
        .singleElement().satisfies(rule -> {
          assertThat(rule.getResources()).containsExactly("trainerruntimes");
          assertThat(rule.getVerbs()).containsExactlyInAnyOrder("get", "list", "watch");
        });
    assertThat(role.getRules()).allSatisfy(rule -> assertThat(rule.getVerbs()).doesNotContain("*", "update"));
    assertThat(role.getRules()).flatExtracting(r -> r.getResources()).doesNotContain("*");
    assertThat(role.getRules()).filteredOn(rule -> rule.getResources().contains("secrets"))
        .as("the critic tokens: created and read back, never listed or watched")
        .singleElement().satisfies(rule -> assertThat(rule.getVerbs()).containsExactlyInAnyOrder("get", "create"));
    assertThat(objects).extracting(HasMetadata::getKind).contains("Role", "RoleBinding", "Service", "ConfigMap");
    assertThat(objects.stream().filter(o -> o.getKind().equals("ConfigMap")).findFirst().orElseThrow().toString())
        .contains("leaderElection: true");
  }

  @Test
  void singleReplicaNeedsNoLeaseRoleAndMonitoringObjectsAreOptIn() {
    List<HasMetadata> defaults = render();
    assertThat(defaults).extracting(HasMetadata::getKind).doesNotContain("Role", "ServiceMonitor", "PodMonitor", "PrometheusRule");
    assertThat(defaults).filteredOn(o -> o.getKind().equals("ConfigMap")).hasSize(1);
    assertThat(render("--set", "metrics.serviceMonitor.enabled=true")).extracting(HasMetadata::getKind)
        .contains("ServiceMonitor");
  }

  @Test
  void rendersAPodMonitorForTrainerPodsAServiceMonitorForTheOperatorAndKeepsTheScrapeAnnotations() {
    List<HasMetadata> objects = render("--set", "metrics.serviceMonitor.enabled=true", "--set", "metrics.podMonitor.enabled=true",
        "--set", "metrics.podMonitor.labels.release=kube-prometheus-stack");

    GenericKubernetesResource podMonitor = generic(objects, "PodMonitor");
    assertThat(podMonitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
    assertThat(podMonitor.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
    JsonNode spec = new ObjectMapper().valueToTree(podMonitor.getAdditionalProperties().get("spec"));
    assertThat(spec.at("/selector/matchLabels/app.kubernetes.io~1name").asText()).isEqualTo("alignment-trainer");
    assertThat(spec.at("/namespaceSelector/any").asBoolean()).as("trainers run in the users' namespaces").isTrue();
    JsonNode endpoint = spec.at("/podMetricsEndpoints/0");
    assertThat(endpoint.path("port").asText()).isEqualTo("metrics");
    assertThat(endpoint.path("path").asText()).isEqualTo("/metrics");
    assertThat(endpoint.path("honorLabels").asBoolean()).isTrue();
    assertThat(endpoint.path("relabelings").findValuesAsText("targetLabel")).contains("owner", "owner_kind", "attempt", "role");

    JsonNode serviceMonitor = new ObjectMapper().valueToTree(generic(objects, "ServiceMonitor").getAdditionalProperties().get("spec"));
    assertThat(serviceMonitor.at("/endpoints/0/port").asText()).isEqualTo("metrics");
    assertThat(serviceMonitor.at("/endpoints/0/path").asText()).isEqualTo("/metrics");
    var service = objects.stream().filter(o -> o.getKind().equals("Service")).findFirst().orElseThrow();
    assertThat(service.getMetadata().getAnnotations()).containsEntry("prometheus.io/scrape", "true")
        .containsEntry("prometheus.io/port", "8080").containsEntry("prometheus.io/path", "/metrics");

    GenericKubernetesResource watching = generic(render("--set", "metrics.podMonitor.enabled=true",
        "--set", "watchNamespaces={team-a,team-b}"), "PodMonitor");
    assertThat(new ObjectMapper().valueToTree(watching.getAdditionalProperties().get("spec")).at("/namespaceSelector/matchNames").toString())
        .isEqualTo("[\"team-a\",\"team-b\"]");
  }

  @Test
  void thePrometheusRuleCarriesExactlyTheRulesOfTheRuleFileWithExtraLabels() throws Exception {
    List<HasMetadata> objects = render("--set", "metrics.prometheusRule.enabled=true", "--set", "metrics.prometheusRule.ruleLabels.team=ml");

    GenericKubernetesResource rule = generic(objects, "PrometheusRule");
    JsonNode spec = new ObjectMapper().valueToTree(rule.getAdditionalProperties().get("spec"));
    JsonNode file = TreeFiles.read(MonitoringQueries.RULES);
    assertThat(spec.path("groups").size()).isEqualTo(file.path("groups").size());
    List<String> alerts = spec.findValuesAsText("alert");
    assertThat(alerts).containsExactlyElementsOf(file.findValuesAsText("alert"))
        .contains("AlignmentRunFailed", "AlignmentStageStuck", "AlignmentKlBlowUp", "AlignmentNegativeKl", "AlignmentRewardModelLowAccuracy");
    assertThat(spec.findValuesAsText("expr")).containsExactlyElementsOf(file.findValuesAsText("expr"));
    for (JsonNode group : spec.path("groups")) {
      for (JsonNode r : group.path("rules")) {
        assertThat(r.at("/labels/team").asText()).as(r.path("alert").asText()).isEqualTo("ml");
        assertThat(r.at("/labels/severity").asText()).as(r.path("alert").asText()).isNotEmpty();
        assertThat(r.at("/annotations/summary").asText()).as("annotations stay Prometheus templates").contains("{{");
      }
    }
  }

  @Test
  void alertRulesPassPromtoolCheckAndTheirUnitTests() {
    String promtool = Shell.lastLine(Shell.script("hack/prometheus.sh", "promtool"));
    assertThat(Shell.run(Map.of(), List.of(promtool, "check", "rules", MonitoringQueries.RULES.toString()), null))
        .contains("SUCCESS");
    Path tests = MonitoringQueries.RULES.resolveSibling("alignment-rules.test.yaml");
    assertThat(Shell.run(Map.of(), List.of(promtool, "test", "rules", tests.toString()), null)).contains("SUCCESS");
  }

  @Test
  void dashboardsRenderIntoAConfigMapWithTheGrafanaSidecarLabel() throws Exception {
    ConfigMap dashboards = render("--set", "metrics.dashboards.enabled=true").stream()
        .filter(o -> o instanceof ConfigMap && o.getMetadata().getName().endsWith("-dashboards")).map(ConfigMap.class::cast)
        .findFirst().orElseThrow();
    assertThat(dashboards.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
    assertThat(dashboards.getData()).containsOnlyKeys("alignment-operator.json", "alignment-run.json");
    for (Path file : MonitoringQueries.dashboardFiles()) {
      assertThat(dashboards.getData().get(file.getFileName().toString())).as("verbatim").isEqualTo(Files.readString(file));
    }

    ConfigMap custom = render("--set", "metrics.dashboards.enabled=true", "--set", "metrics.dashboards.label=dashboards",
        "--set", "metrics.dashboards.labelValue=alignment", "--set", "metrics.dashboards.namespace=monitoring",
        "--set", "metrics.dashboards.annotations.grafana_folder=Alignment").stream()
        .filter(o -> o instanceof ConfigMap && o.getMetadata().getName().endsWith("-dashboards")).map(ConfigMap.class::cast)
        .findFirst().orElseThrow();
    assertThat(custom.getMetadata().getLabels()).containsEntry("dashboards", "alignment").doesNotContainKey("grafana_dashboard");
    assertThat(custom.getMetadata().getNamespace()).isEqualTo("monitoring");
    assertThat(custom.getMetadata().getAnnotations()).containsEntry("grafana_folder", "Alignment");
  }

  /**
   * What Grafana's dashboard schema (the version each file declares) requires, checked offline: the top-level fields
   * without defaults, unique panel ids, a gridPos on the 24-column grid for every panel, a Prometheus datasource
   * and PromQL targets on every non-row panel, and defined template variables.
   */
  @Test
  void dashboardsAreGrafanaDashboardsOfTheSchemaVersionTheyDeclare() {
    List<Path> files = MonitoringQueries.dashboardFiles();
    assertThat(files).extracting(f -> f.getFileName().toString()).containsExactly("alignment-operator.json", "alignment-run.json");
    Set<String> uids = new HashSet<>();
    for (Path file : files) {
      JsonNode d = TreeFiles.read(file);
      String name = file.getFileName().toString();
      assertThat(d.path("schemaVersion").isInt()).as(name + " schemaVersion").isTrue();
      // schemaVersion 36+ (Grafana 9+): panels carry datasource references {type, uid}, not names.
      assertThat(d.path("schemaVersion").asInt()).as(name).isBetween(36, 41);
      assertThat(d.path("title").asText()).as(name + " title").isNotBlank();
      assertThat(d.path("uid").asText()).as(name + " uid").matches("[a-zA-Z0-9_-]{1,40}");
      assertThat(uids.add(d.path("uid").asText())).as(name + " uid unique").isTrue();
      assertThat(d.path("editable").isBoolean()).as(name + " editable").isTrue();
      assertThat(d.path("graphTooltip").asInt(-1)).as(name + " graphTooltip").isBetween(0, 2);
      assertThat(d.at("/time/from").asText()).as(name + " time.from").isNotBlank();
      assertThat(d.at("/time/to").asText()).as(name + " time.to").isNotBlank();
      assertThat(d.path("panels").isArray()).as(name + " panels").isTrue();
      assertThat(d.at("/templating/list").isArray()).as(name + " templating.list").isTrue();
      assertThat(d.path("id").isNull() || d.path("id").isMissingNode()).as(name + ": no id, Grafana assigns it").isTrue();

      Set<String> variables = new HashSet<>(Set.of("__rate_interval", "__interval", "__range"));
      for (JsonNode v : d.at("/templating/list")) {
        assertThat(v.path("name").asText()).as(name + " variable name").matches("\\w+");
        assertThat(v.path("type").asText()).as(name + " variable type").isIn("datasource", "query", "custom", "constant", "interval", "textbox");
        variables.add(v.path("name").asText());
        if (v.path("type").asText().equals("query")) {
          assertThat(v.at("/datasource/uid").asText()).as(name + " $" + v.path("name").asText() + " datasource").isEqualTo("${datasource}");
        }
      }
      assertThat(variables).as(name).contains("datasource");
      if (name.equals("alignment-run.json")) {
        assertThat(variables).contains("namespace", "run");
      }

      Set<Integer> ids = new HashSet<>();
      List<int[]> boxes = new ArrayList<>();
      for (JsonNode p : MonitoringQueries.panels(d)) {
        String panel = name + " panel '" + p.path("title").asText() + "'";
        assertThat(p.path("id").isInt()).as(panel + " id").isTrue();
        assertThat(ids.add(p.path("id").asInt())).as(panel + " id unique").isTrue();
        assertThat(p.path("type").asText()).as(panel + " type").isIn("row", "timeseries", "stat", "gauge", "bargauge", "table", "text");
        assertThat(p.path("title").asText()).as(panel + " title").isNotBlank();
        JsonNode g = p.path("gridPos");
        for (String f : List.of("h", "w", "x", "y")) {
          assertThat(g.path(f).isInt()).as(panel + " gridPos." + f).isTrue();
        }
        assertThat(g.path("w").asInt()).as(panel + " width").isBetween(1, 24);
        assertThat(g.path("h").asInt()).as(panel + " height").isPositive();
        assertThat(g.path("x").asInt() + g.path("w").asInt()).as(panel + " inside the 24 columns").isLessThanOrEqualTo(24);
        int[] box = {g.path("x").asInt(), g.path("y").asInt(), g.path("w").asInt(), g.path("h").asInt()};
        for (int[] other : boxes) {
          boolean overlap = box[0] < other[0] + other[2] && other[0] < box[0] + box[2] && box[1] < other[1] + other[3] && other[1] < box[1] + box[3];
          assertThat(overlap).as(panel + " overlaps another panel").isFalse();
        }
        boxes.add(box);
        if (p.path("type").asText().equals("row")) {
          continue;
        }
        assertThat(p.at("/datasource/type").asText()).as(panel + " datasource").isEqualTo("prometheus");
        assertThat(p.at("/datasource/uid").asText()).as(panel + " datasource").isEqualTo("${datasource}");
        assertThat(p.path("targets").size()).as(panel + " targets").isPositive();
        Set<String> refIds = new HashSet<>();
        for (JsonNode t : p.path("targets")) {
          assertThat(refIds.add(t.path("refId").asText())).as(panel + " refId unique").isTrue();
          assertThat(t.path("expr").asText()).as(panel + " expr").isNotBlank();
          assertThat(t.at("/datasource/uid").asText()).as(panel + " target datasource").isEqualTo("${datasource}");
          Matcher used = Pattern.compile("\\$\\{?(\\w+)").matcher(t.path("expr").asText());
          while (used.find()) {
            assertThat(variables).as(panel + " uses $" + used.group(1)).contains(used.group(1));
          }
        }
      }
      assertThat(ids).as(name + " panels").hasSizeGreaterThan(5);
    }
  }

  @Test
  void withWatchNamespacesTheOperatorGetsTheSameRulesAsRolesInThoseNamespacesAndNothingClusterWide() {
    List<PolicyRule> clusterRules = operatorRole(render()).getRules();

    List<HasMetadata> watching = render("--set", "watchNamespaces={team-a,team-b}");
    assertThat(all(watching, ClusterRole.class)).as("nothing cluster-wide but reading the TrainerRuntimes")
        .singleElement().isEqualTo(runtimesRole(watching));
    assertThat(all(watching, ClusterRoleBinding.class)).singleElement()
        .satisfies(b -> assertThat(b.getRoleRef().getName()).isEqualTo(runtimesRole(watching).getMetadata().getName()));
    List<Role> roles = all(watching, Role.class);
    assertThat(roles).extracting(r -> r.getMetadata().getNamespace()).containsExactly("team-a", "team-b");
    assertThat(roles).allSatisfy(role -> assertThat(role.getRules()).isEqualTo(clusterRules));
    List<RoleBinding> bindings = all(watching, RoleBinding.class);
    assertThat(bindings).extracting(b -> b.getMetadata().getNamespace()).containsExactly("team-a", "team-b");
    assertThat(bindings).allSatisfy(binding -> {
      assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
      assertThat(binding.getSubjects()).singleElement()
          .satisfies(s -> assertThat(s.getKind() + "/" + s.getName()).isEqualTo("ServiceAccount/t-alignment-operator"));
    });
    assertThat(all(render(), ClusterRoleBinding.class)).extracting(b -> b.getRoleRef().getName())
        .containsExactlyInAnyOrder("t-alignment-operator", "t-alignment-operator-runtimes");
  }

  /**
   * On a real kube-apiserver (RBAC on), the chart installed with two watched namespaces: the operator's account may
   * do each thing its rules list in a watched namespace, nothing of it in another namespace or across all of them,
   * and never list or watch Secrets (it creates and reads back only the critic tokens); its Lease only in the release namespace. The NetworkPolicies are admitted as rendered.
   */
  @Test
  void onAnApiServerTheRolesGrantTheOperatorItsVerbsOnlyInTheWatchedNamespaces() throws Exception {
    for (String namespace : List.of("alignment-system", "team-a", "team-b", "team-c")) {
      api().kubectl(null, "create", "namespace", namespace);
    }
    String chart = helm("template", "t", "charts/alignment-operator", "--namespace", "alignment-system", "--set", "replicaCount=2",
        "--set", "watchNamespaces={team-a,team-b}", "--set", "networkPolicy.enabled=true");
    // As helm install does: objects without a namespace go to the release's, the rest where they say.
    api().kubectl(null, "config", "set-context", "--current", "--namespace=alignment-system");
    api().kubectl(chart, "apply", "--server-side", "-f", "-");

    Map<String, Boolean> expected = new TreeMap<>();
    for (PolicyRule rule : operatorRole(render()).getRules()) {
      for (String resource : rule.getResources()) {
        for (String verb : rule.getVerbs()) {
          String what = verb + " " + rule.getApiGroups().get(0) + "/" + resource;
          expected.put(what + " in team-a", true);
          expected.put(what + " in team-b", true);
          expected.put(what + " in team-c", false);
          expected.put(what + " in all namespaces", false);
        }
      }
    }
    for (String verb : List.of("get", "list", "watch")) {
      // Cluster-scoped: read everywhere, as the runtimes' informer does.
      expected.put(verb + " alignment.dev/trainerruntimes in all namespaces", true);
    }
    expected.put("create alignment.dev/trainerruntimes in all namespaces", false);
    expected.put("list /secrets in team-a", false);
    expected.put("watch /secrets in team-a", false);
    expected.put("update coordination.k8s.io/leases in alignment-system", true);
    expected.put("update coordination.k8s.io/leases in team-a", false);
    assertThat(allowed(expected.keySet())).isEqualTo(expected);

    JsonNode policies = new ObjectMapper().readTree(api().kubectl(null, "get", "networkpolicies", "--all-namespaces", "-o", "json"));
    assertThat(policies.path("items").findValuesAsText("name")).contains("t-alignment-operator", "t-alignment-operator-trainers",
        "t-alignment-operator-critic");
    assertThat(policies.path("items").size()).isEqualTo(5);
  }

  @Test
  void networkPoliciesAreOptInAndAdmitOnlyTheirPeers() {
    assertThat(render("--set", "watchNamespaces={team-a}")).extracting(HasMetadata::getKind).doesNotContain("NetworkPolicy");
    assertThatThrownBy(() -> render("--set", "networkPolicy.enabled=true"))
        .hasMessageContaining("networkPolicy.enabled needs the namespaces").hasMessageContaining("networkPolicy.namespaces");

    List<NetworkPolicy> policies = all(render("--namespace", "alignment-system", "--set", "networkPolicy.enabled=true",
        "--set", "watchNamespaces={team-a,team-b}"), NetworkPolicy.class);
    assertThat(policies).extracting(p -> p.getMetadata().getNamespace() + "/" + p.getMetadata().getName())
        .containsExactlyInAnyOrder("null/t-alignment-operator", "team-a/t-alignment-operator-trainers", "team-a/t-alignment-operator-critic",
            "team-b/t-alignment-operator-trainers", "team-b/t-alignment-operator-critic");
    assertThat(policies).allSatisfy(p -> assertThat(p.getSpec().getPolicyTypes()).containsExactly("Ingress"));
    Map<String, Object> monitoring = Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "monitoring"));

    NetworkPolicy operator = named(policies, "t-alignment-operator");
    assertThat(operator.getSpec().getPodSelector().getMatchLabels()).containsEntry("app.kubernetes.io/name", "alignment-operator");
    NetworkPolicyIngressRule operatorIn = operator.getSpec().getIngress().get(0);
    assertThat(operatorIn.getPorts()).singleElement().satisfies(p -> assertThat(p.getPort().getIntVal()).isEqualTo(8080));
    assertThat(operatorIn.getFrom()).singleElement().satisfies(peer -> assertThat(selector(peer.getNamespaceSelector())).isEqualTo(monitoring));

    NetworkPolicy trainers = named(policies, "t-alignment-operator-trainers");
    assertThat(trainers.getSpec().getPodSelector().getMatchLabels()).containsEntry("app.kubernetes.io/name", "alignment-trainer")
        .containsEntry("app.kubernetes.io/managed-by", "alignment-operator").doesNotContainKey("alignment.dev/role");
    NetworkPolicyIngressRule metrics = trainers.getSpec().getIngress().get(0);
    assertThat(trainers.getSpec().getIngress()).hasSize(1);
    assertThat(metrics.getPorts()).singleElement().satisfies(p -> assertThat(p.getPort().getIntVal()).isEqualTo(9400));
    NetworkPolicyPeer fromOperator = metrics.getFrom().get(0);
    assertThat(fromOperator.getNamespaceSelector().getMatchLabels()).isEqualTo(Map.of("kubernetes.io/metadata.name", "alignment-system"));
    assertThat(fromOperator.getPodSelector().getMatchLabels()).containsEntry("app.kubernetes.io/name", "alignment-operator");
    assertThat(selector(metrics.getFrom().get(1).getNamespaceSelector())).isEqualTo(monitoring);
    assertThat(metrics.getFrom()).hasSize(2);

    NetworkPolicy critic = named(policies, "t-alignment-operator-critic");
    assertThat(critic.getSpec().getPodSelector().getMatchLabels()).containsEntry("alignment.dev/role", "critic");
    NetworkPolicyIngressRule fromActor = critic.getSpec().getIngress().get(0);
    assertThat(critic.getSpec().getIngress()).hasSize(1);
    assertThat(fromActor.getPorts()).singleElement().satisfies(p -> assertThat(p.getPort().getIntVal()).isEqualTo(8080));
    assertThat(fromActor.getFrom()).singleElement().satisfies(peer -> {
      assertThat(peer.getNamespaceSelector()).as("its own namespace only").isNull();
      assertThat(peer.getPodSelector().getMatchLabels()).containsEntry("alignment.dev/role", "actor")
          .containsEntry("app.kubernetes.io/managed-by", "alignment-operator");
    });

    List<NetworkPolicy> allNamespaces = all(render("--set", "networkPolicy.enabled=true", "--set", "networkPolicy.namespaces={team-c}",
        "--set", "networkPolicy.monitoringNamespaceSelector.matchLabels.kubernetes\\.io/metadata\\.name=observability"), NetworkPolicy.class);
    assertThat(allNamespaces).extracting(p -> p.getMetadata().getNamespace()).containsExactlyInAnyOrder(null, "team-c", "team-c");
    assertThat(selector(named(allNamespaces, "t-alignment-operator").getSpec().getIngress().get(0).getFrom().get(0).getNamespaceSelector()))
        .isEqualTo(Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "observability")));
  }

  @Test
  void valuesSchemaRejectsUnknownAndInvalidValues() {
    assertThatThrownBy(() -> render("--set", "trainer.imag=x")).hasMessageContaining("additional properties 'imag' not allowed");
    assertThatThrownBy(() -> render("--set", "replicaCount=0")).hasMessageContaining("replicaCount");
    assertThatThrownBy(() -> render("--set", "metrics.podMonitor.intervall=5s")).hasMessageContaining("additional properties 'intervall' not allowed");
    assertThatThrownBy(() -> render("--set", "metrics.podMonitor.interval=often")).hasMessageContaining("interval");
    assertThatThrownBy(() -> render("--set", "policy.allowedImagez={x}")).hasMessageContaining("additional properties 'allowedImagez' not allowed");
    assertThatThrownBy(() -> render("--set", "http.allowedCidrs={10.0.0.1}")).hasMessageContaining("/http/allowedCidrs/0");
    assertThatThrownBy(() -> render("--set", "http.maxBytes=0")).hasMessageContaining("/http/maxBytes");
    assertThatThrownBy(() -> render("--set", "trainer.activeDeadlineSeconds=-1")).hasMessageContaining("/trainer/activeDeadlineSeconds");
    assertThatThrownBy(() -> render("--set", "policy.allowedEnvNames={BAD-NAME}")).hasMessageContaining("/policy/allowedEnvNames/0");
  }

  private static List<HasMetadata> render(String... args) {
    List<String> command = new ArrayList<>(List.of("template", "t", "charts/alignment-operator"));
    command.addAll(List.of(args));
    String yaml = helm(command.toArray(String[]::new));
    return Serialization.unmarshal(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
  }

  private static GenericKubernetesResource generic(List<HasMetadata> objects, String kind) {
    return objects.stream().filter(o -> o.getKind().equals(kind)).map(GenericKubernetesResource.class::cast).findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " rendered"));
  }

  /** The operator's own rules (a ClusterRole without watchNamespaces): all but the TrainerRuntimes' read grant. */
  private static ClusterRole operatorRole(List<HasMetadata> objects) {
    return all(objects, ClusterRole.class).stream().filter(r -> !r.getMetadata().getName().endsWith("-runtimes"))
        .findFirst().orElseThrow();
  }

  private static ClusterRole runtimesRole(List<HasMetadata> objects) {
    return all(objects, ClusterRole.class).stream().filter(r -> r.getMetadata().getName().endsWith("-runtimes"))
        .findFirst().orElseThrow();
  }

  private static <T> T only(List<HasMetadata> objects, Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
  }

  private static <T> List<T> all(List<HasMetadata> objects, Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  private static NetworkPolicy named(List<NetworkPolicy> policies, String name) {
    return policies.stream().filter(p -> p.getMetadata().getName().equals(name)).findFirst().orElseThrow();
  }

  private static Map<String, Object> selector(Object labelSelector) {
    return new ObjectMapper().convertValue(labelSelector, Map.class);
  }

  /**
   * Asks the API server, in one SubjectAccessReview each, whether the operator's account may do each of
   * {@code questions} ("verb group/resource in namespace", "all namespaces" meaning a cluster-wide request).
   */
  private static Map<String, Boolean> allowed(Set<String> questions) throws Exception {
    ObjectMapper json = new ObjectMapper();
    var list = json.createObjectNode().put("apiVersion", "v1").put("kind", "List");
    List<String> order = new ArrayList<>(questions);
    for (String question : order) {
      Matcher q = Pattern.compile("(\\S+) ([^/\\s]*)/([^/\\s]+)/?(\\S*) in (.+)").matcher(question);
      assertThat(q.matches()).as(question).isTrue();
      var attributes = json.createObjectNode().put("verb", q.group(1)).put("group", q.group(2)).put("resource", q.group(3))
          .put("subresource", q.group(4)).put("namespace", q.group(5).equals("all namespaces") ? "" : q.group(5));
      var review = list.withArray("items").addObject().put("apiVersion", "authorization.k8s.io/v1").put("kind", "SubjectAccessReview");
      review.putObject("spec").put("user", OPERATOR_ACCOUNT).set("resourceAttributes", attributes);
      review.withObject("spec").putArray("groups").add("system:serviceaccounts").add("system:serviceaccounts:alignment-system")
          .add("system:authenticated");
    }
    // kubectl prints one object per created item, in order.
    List<JsonNode> reviewed = json.readerFor(JsonNode.class)
        .<JsonNode>readValues(api().kubectl(json.writeValueAsString(list), "create", "-f", "-", "-o", "json")).readAll();
    assertThat(reviewed).hasSameSizeAs(order);
    Map<String, Boolean> answers = new TreeMap<>();
    for (int i = 0; i < order.size(); i++) {
      answers.put(order.get(i), reviewed.get(i).at("/status/allowed").asBoolean());
    }
    return answers;
  }

  private static synchronized ApiServer api() {
    if (api == null) {
      api = ApiServer.withChartCrds(Path.of(Shell.lastLine(Shell.script("hack/build-k8s.sh", "kubectl"))).resolve("kubectl"));
    }
    return api;
  }

  private static String helm(String... args) {
    List<String> command = new ArrayList<>(List.of(helm.toString()));
    command.addAll(List.of(args));
    return Shell.run(Map.of(), command, null);
  }
}
