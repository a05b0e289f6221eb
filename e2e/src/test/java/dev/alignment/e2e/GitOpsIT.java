package dev.alignment.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * examples/gitops as a GitOps tool sees it: the kustomize base and overlays rendered by the real kubectl and accepted
 * by a real kube-apiserver with the chart's CRDs, and the Argo CD health checks run under the real lua5.1 against
 * objects in every phase of every kind, from the argocd-cm patch that hack/argocd-health.sh generates.
 */
class GitOpsIT {
  private static final Path GITOPS = Shell.ROOT.resolve("examples/gitops");
  private static final Path CRDS = Shell.ROOT.resolve("charts/alignment-operator/crds");
  private static final String GROUP = "alignment.dev";

  private static Path kubectl;
  private static ApiServer api;

  @BeforeAll
  static void kubectl() {
    kubectl = Path.of(Shell.lastLine(Shell.script("hack/build-k8s.sh", "kubectl"))).resolve("kubectl");
  }

  @AfterAll
  static void stopApiServer() {
    if (api != null) {
      api.close();
    }
  }

  @Test
  void theBaseIsTheLabelNoiseStudy() {
    Map<String, JsonNode> base = render("base");

    assertThat(base).containsOnlyKeys("PreferenceDataset/prefs-clean", "PreferenceDataset/prefs-noisy",
        "RewardModel/rm-clean", "RewardModel/rm-noisy", "AlignmentSweep/label-noise");
    assertThat(base.values()).allSatisfy(o -> {
      assertThat(o.path("apiVersion").asText()).isEqualTo(GROUP + "/v1alpha1");
      assertThat(o.at("/metadata/labels/app.kubernetes.io~1part-of").asText()).isEqualTo("label-noise-study");
      assertThat(o.at("/metadata/namespace").isMissingNode()).as("the namespace is the overlay's or the tool's").isTrue();
    });
    assertThat(base.get("PreferenceDataset/prefs-noisy").at("/spec/source/uri").asText())
        .isEqualTo("builtin://sentiment/preferences?noise=0.25");
    assertThat(base.get("RewardModel/rm-noisy").at("/spec/preferenceDataset").asText()).isEqualTo("prefs-noisy");
    JsonNode sweep = base.get("AlignmentSweep/label-noise").path("spec");
    assertThat(sweep.at("/template/algorithm").asText()).isEqualTo("PPO");
    assertThat(sweep.at("/matrix/parameters").toString())
        .isEqualTo("[{\"field\":\"algorithm\",\"values\":[\"PPO\",\"BestOfN\"]},"
            + "{\"field\":\"rewardModel\",\"values\":[\"rm-clean\",\"rm-noisy\"]}]");
    assertThat(sweep.path("maxParallel").asInt()).isEqualTo(2);
    assertThat(sweep.at("/leaderboard/metric").asText()).isEqualTo("winRate");
  }

  @Test
  void theSmokeOverlayPrefixesNamesAndEveryReferenceAndShrinksOnlyTheStepCounts() {
    Map<String, JsonNode> base = render("base");
    Map<String, JsonNode> smoke = render("overlays/smoke");

    assertThat(smoke).containsOnlyKeys("PreferenceDataset/smoke-prefs-clean", "PreferenceDataset/smoke-prefs-noisy",
        "RewardModel/smoke-rm-clean", "RewardModel/smoke-rm-noisy", "AlignmentSweep/smoke-label-noise");
    assertThat(smoke.values()).allSatisfy(o ->
        assertThat(o.at("/metadata/labels/alignment.dev~1study-size").asText()).isEqualTo("smoke"));
    for (String noise : List.of("clean", "noisy")) {
      JsonNode rm = smoke.get("RewardModel/smoke-rm-" + noise).path("spec");
      assertThat(rm.path("preferenceDataset").asText()).isEqualTo("smoke-prefs-" + noise);
      assertThat(rm.at("/training/steps").asInt()).isEqualTo(40);
      assertThat(rm.at("/training/batchSize").asInt()).as("a merge patch keeps the other fields").isEqualTo(32);
    }

    JsonNode sweep = smoke.get("AlignmentSweep/smoke-label-noise");
    assertThat(sweep.at("/metadata/name").asText().length()).as("sweep names are at most 31 characters").isLessThanOrEqualTo(31);
    assertThat(sweep.at("/spec/matrix/parameters/1/values").toString()).isEqualTo("[\"smoke-rm-clean\",\"smoke-rm-noisy\"]");
    assertThat(sweep.at("/spec/matrix/parameters/0/values").toString()).as("values that name nothing stay")
        .isEqualTo("[\"PPO\",\"BestOfN\"]");
    ObjectNode expected = base.get("AlignmentSweep/label-noise").path("spec").path("template").deepCopy();
    expected.put("rewardModel", "smoke-rm-clean");
    ((ObjectNode) expected.path("sft")).put("steps", 30);
    ((ObjectNode) expected.path("training")).put("steps", 4);
    ((ObjectNode) expected.path("ppo")).put("rolloutBatchSize", 8);
    ((ObjectNode) expected.path("bestOfN")).put("candidates", 4);
    ((ObjectNode) expected.path("evaluation")).put("samples", 32);
    ((ObjectNode) expected.at("/resources/trainer")).put("memory", "2Gi");
    assertThat(sweep.at("/spec/template")).isEqualTo(expected);
  }

  @Test
  void theStudyOverlayAddsANoiseLevelAndSeedsInItsNamespaceAndKeepsTheSweepFromPruning() {
    Map<String, JsonNode> base = render("base");
    Map<String, JsonNode> study = render("overlays/study");

    assertThat(study).containsOnlyKeys("PreferenceDataset/prefs-clean", "PreferenceDataset/prefs-noisy",
        "PreferenceDataset/prefs-noisier", "RewardModel/rm-clean", "RewardModel/rm-noisy", "RewardModel/rm-noisier",
        "AlignmentSweep/label-noise");
    assertThat(study.values()).allSatisfy(o -> {
      assertThat(o.at("/metadata/namespace").asText()).isEqualTo("alignment-study");
      assertThat(o.at("/metadata/labels/alignment.dev~1study-size").asText()).isEqualTo("full");
    });
    assertThat(study.get("RewardModel/rm-noisier").at("/spec/preferenceDataset").asText()).isEqualTo("prefs-noisier");
    assertThat(study.get("PreferenceDataset/prefs-noisier").at("/spec/source/uri").asText())
        .isEqualTo("builtin://sentiment/preferences?noise=0.4");

    JsonNode sweep = study.get("AlignmentSweep/label-noise");
    assertThat(sweep.at("/spec/template")).as("full settings").isEqualTo(base.get("AlignmentSweep/label-noise").at("/spec/template"));
    assertThat(sweep.at("/spec/matrix/parameters").toString())
        .isEqualTo("[{\"field\":\"algorithm\",\"values\":[\"PPO\",\"BestOfN\"]},"
            + "{\"field\":\"rewardModel\",\"values\":[\"rm-clean\",\"rm-noisy\",\"rm-noisier\"]},"
            + "{\"field\":\"training.seed\",\"values\":[1,2]}]");
    assertThat(sweep.at("/spec/maxParallel").asInt()).isEqualTo(4);
    assertThat(sweep.at("/metadata/annotations/argocd.argoproj.io~1sync-options").asText()).isEqualTo("Prune=false");
    assertThat(sweep.at("/metadata/annotations/kustomize.toolkit.fluxcd.io~1prune").asText()).isEqualTo("disabled");
  }

  @Test
  void theOverlaysPassServerSideDryRunAgainstTheChartsCrds() {
    api().kubectl(null, "create", "namespace", "alignment-study");
    Map<String, Integer> objects = Map.of("overlays/smoke", 5, "overlays/study", 7);
    objects.forEach((overlay, count) -> {
      String out = api().kubectl(null, "apply", "-k", GITOPS.resolve(overlay).toString(), "--dry-run=server");
      assertThat(out.lines().filter(line -> line.endsWith(" created (server dry run)"))).as(overlay).hasSize(count);
      assertThat(out).as(overlay).contains("alignmentsweep." + GROUP + "/");
    });

    // Not a formality: the CRDs' admission rules run on what the overlays render.
    String invalid = kustomize("overlays/smoke").replace("algorithm: PPO", "algorithm: DPO");
    assertThatThrownBy(() -> api().kubectl(invalid, "apply", "--dry-run=server", "-f", "-"))
        .hasMessageContaining("spec.preferenceDataset is required when spec.algorithm is DPO");
  }

  @Test
  void theArgoCdPatchAddsTheHealthChecksToAnExistingArgocdCm() {
    api().kubectl(null, "create", "namespace", "argocd");
    api().kubectl(null, "-n", "argocd", "create", "configmap", "argocd-cm", "--from-literal=url=https://argocd.example.com");

    api().kubectl(null, "-n", "argocd", "patch", "configmap", "argocd-cm", "--patch-file", ArgoCdHealth.PATCH.toString());

    JsonNode data = json(api().kubectl(null, "-n", "argocd", "get", "configmap", "argocd-cm", "-o", "json")).path("data");
    assertThat(data.path("url").asText()).isEqualTo("https://argocd.example.com");
    ArgoCdHealth.scripts().forEach((kind, script) ->
        assertThat(data.path(ArgoCdHealth.KEY_PREFIX + kind).asText()).as(kind).isEqualTo(script));
  }

  @Test
  void theArgoCdPatchIsWhatHackArgocdHealthGenerates() throws IOException {
    assertThat(Files.readString(ArgoCdHealth.PATCH)).as("run: hack/argocd-health.sh > " + Shell.ROOT.relativize(ArgoCdHealth.PATCH))
        .isEqualTo(Shell.script("hack/argocd-health.sh"));
  }

  @Test
  void everyKindOfTheChartHasAHealthCheckAndSampleObjectsInEveryPhaseAStaleOneAndOneWithoutStatus() {
    Map<String, Set<String>> phases = crdPhases();
    assertThat(ArgoCdHealth.scripts()).containsOnlyKeys(phases.keySet());
    phases.forEach((kind, enumerated) -> {
      Set<String> covered = new TreeSet<>();
      boolean stale = false;
      boolean withoutStatus = false;
      for (JsonNode sample : samples(kind)) {
        JsonNode object = sample.path("object");
        covered.add(object.at("/status/phase").asText());
        withoutStatus |= object.path("status").isMissingNode();
        stale |= object.has("status")
            && object.at("/status/observedGeneration").asLong() < object.at("/metadata/generation").asLong();
      }
      assertThat(covered).as(kind).containsAll(enumerated);
      assertThat(stale).as(kind + ": a status older than the spec").isTrue();
      assertThat(withoutStatus).as(kind + ": no status yet").isTrue();
    });
  }

  @Test
  void theHealthChecksGiveEachSampleObjectItsHealthUnderLua51() {
    Map<String, String> scripts = ArgoCdHealth.scripts();
    List<String> failures = new ArrayList<>();
    int cases = 0;
    for (String kind : scripts.keySet()) {
      for (JsonNode sample : samples(kind)) {
        ObjectNode object = sample.path("object").deepCopy();
        object.put("apiVersion", GROUP + "/v1alpha1").put("kind", kind);
        ArgoCdHealth.Health expected = new ArgoCdHealth.Health(
            sample.at("/health/status").asText(), sample.at("/health/message").asText());
        ArgoCdHealth.Health actual = ArgoCdHealth.run(scripts.get(kind), object);
        cases++;
        if (!actual.equals(expected)) {
          failures.add(kind + " '" + sample.path("case").asText() + "': expected " + expected + ", got " + actual);
        }
      }
    }
    assertThat(failures).as(cases + " cases").isEmpty();
  }

  @Test
  void theArgoCdApplicationAndTheFluxKustomizationPointAtTheStudyOverlayWithTheDocumentedOptions() {
    JsonNode application = TreeFiles.read(GITOPS.resolve("argocd/application.yaml")).path("spec");
    assertThat(Shell.ROOT.resolve(application.at("/source/path").asText())).isEqualTo(GITOPS.resolve("overlays/study"));
    assertThat(application.at("/destination/namespace").asText()).as("the overlay's namespace").isEqualTo("alignment-study");
    assertThat(application.at("/syncPolicy/syncOptions").toString()).contains("ServerSideApply=true", "CreateNamespace=true");

    JsonNode flux = documents(GITOPS.resolve("flux/study.yaml")).stream()
        .filter(d -> d.path("kind").asText().equals("Kustomization")).findFirst().orElseThrow().path("spec");
    assertThat(Shell.ROOT.resolve(flux.path("path").asText()).normalize()).isEqualTo(GITOPS.resolve("overlays/study"));
    assertThat(flux.path("wait").asBoolean()).isTrue();
    List<String> checked = new ArrayList<>();
    flux.path("healthCheckExprs").forEach(e -> {
      assertThat(e.path("apiVersion").asText()).isEqualTo(GROUP + "/v1alpha1");
      assertThat(e.path("current").asText()).contains("status.phase");
      assertThat(e.path("failed").asText()).isEqualTo("status.phase == 'Failed'");
      checked.add(e.path("kind").asText());
    });
    assertThat(checked).containsExactlyInAnyOrderElementsOf(crdPhases().keySet());
  }

  /** The real kubectl's rendering of a kustomization under examples/gitops, by kind/name. */
  private static Map<String, JsonNode> render(String dir) {
    Map<String, JsonNode> objects = new TreeMap<>();
    for (JsonNode o : documents(kustomize(dir))) {
      objects.put(o.path("kind").asText() + "/" + o.at("/metadata/name").asText(), o);
    }
    return objects;
  }

  private static String kustomize(String dir) {
    return Shell.run(Map.of(), List.of(kubectl.toString(), "kustomize", GITOPS.resolve(dir).toString()), null);
  }

  private static synchronized ApiServer api() {
    if (api == null) {
      api = ApiServer.withChartCrds(kubectl);
    }
    return api;
  }

  /**
   * Each CRD's kind and the phases its status.phase enumerates, for the kinds that report a phase: one without (the
   * TrainerRuntime, a platform team's configuration) is healthy once applied, which is Argo CD's default.
   */
  private static Map<String, Set<String>> crdPhases() {
    Map<String, Set<String>> phases = new TreeMap<>();
    try (Stream<Path> files = Files.list(CRDS)) {
      files.filter(f -> f.toString().endsWith(".yml")).forEach(f -> {
        JsonNode crd = TreeFiles.read(f).path("spec");
        if (crd.at("/versions/0/schema/openAPIV3Schema/properties/status/properties/phase").isMissingNode()) {
          return;
        }
        Set<String> values = new TreeSet<>();
        crd.at("/versions/0/schema/openAPIV3Schema/properties/status/properties/phase/enum")
            .forEach(v -> values.add(v.asText()));
        phases.put(crd.at("/names/kind").asText(), values);
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return phases;
  }

  private static ArrayNode samples(String kind) {
    return (ArrayNode) TreeFiles.read(ArgoCdHealth.FIXTURES.resolve(kind + ".yaml"));
  }

  private static List<JsonNode> documents(Path file) {
    try {
      return documents(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<JsonNode> documents(String yaml) {
    try {
      return new YAMLMapper().readerFor(JsonNode.class).<JsonNode>readValues(yaml).readAll().stream()
          .filter(d -> !d.isNull() && !d.isMissingNode()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode json(String text) {
    try {
      return new ObjectMapper().readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
