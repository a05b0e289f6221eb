package dev.alignment.operator.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.alignment.api.v1alpha1.AlignmentRun;
import dev.alignment.api.v1alpha1.AlignmentSweep;
import dev.alignment.api.v1alpha1.DatasetPhase;
import dev.alignment.api.v1alpha1.DatasetSource;
import dev.alignment.api.v1alpha1.PreferenceDataset;
import dev.alignment.api.v1alpha1.PreferenceDatasetSpec;
import dev.alignment.api.v1alpha1.PreferenceDatasetStatus;
import dev.alignment.api.v1alpha1.RewardModel;
import dev.alignment.api.v1alpha1.RewardModelPhase;
import dev.alignment.api.v1alpha1.RewardModelSpec;
import dev.alignment.api.v1alpha1.RewardModelStatus;
import dev.alignment.api.v1alpha1.TrainerRuntime;
import dev.alignment.contract.CommandConfig;
import dev.alignment.contract.ContractChecks;
import dev.alignment.contract.ContractJson;
import dev.alignment.contract.TrainerCommand;
import dev.alignment.operator.Fixtures;
import dev.alignment.operator.config.OperatorConfig;
import dev.alignment.operator.runtime.LaunchResolver;
import dev.alignment.operator.runtime.Resolution;
import dev.alignment.operator.runtime.RuntimeCatalog;
import dev.alignment.operator.runtime.RuntimeSelection;
import dev.alignment.operator.sweep.SweepChildren;
import dev.alignment.operator.sweep.SweepLayout;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every manifest under {@code examples/} yields the stage configs the operator would send, and each one is read by
 * the contract's strict reader for its command (every role's, for a stage of several Jobs), and every role gets a
 * Launch from the examples' TrainerRuntimes (a runtime that cannot run it fails the test). References to other
 * resources are taken as Ready. A kind this test does not know fails it, so a new example is covered or refused.
 */
class ExampleConfigsTest {
  private static final Path EXAMPLES = Path.of("..", "examples");
  private static final String API_VERSION = "alignment.dev/v1alpha1";
  /** Kinds in the examples that deploy or feed the operator's resources and are never sent to a trainer. */
  private static final Set<String> NOT_FOR_A_TRAINER = Set.of(
      "ConfigMap", "Kustomization", "Application", "GitRepository", "ResourceFlavor", "ClusterQueue", "LocalQueue");
  /** The top-level keys of a kustomize transformer configuration, the one kind-less document the examples hold. */
  private static final Set<String> KUSTOMIZE_CONFIGURATION = Set.of("nameReference");
  private static final String NAMESPACE = "examples";
  /** Examples written for one namespace (their file:// URIs lie under its workspace root), by directory. */
  private static final Map<String, String> NAMESPACE_OF_DIRECTORY = Map.of("hf-model", "team-a", "runtimes", "team-a", "multinode", "team-a");
  private static final ObjectMapper YAML = new YAMLMapper();
  private static final OperatorConfig CONFIG = OperatorConfig.defaults();

  private final Map<String, PreferenceDataset> datasets = new LinkedHashMap<>();
  private final Map<String, RewardModel> rewardModels = new LinkedHashMap<>();
  private final List<TrainerRuntime> runtimes = new ArrayList<>();

  @TestFactory
  Stream<DynamicTest> everyExampleBuildsConfigsTheContractReads() throws IOException {
    assertThat(EXAMPLES).as("examples/ beside the operator module").isDirectory();
    List<Document> documents = new ArrayList<>();
    try (Stream<Path> files = Files.walk(EXAMPLES)) {
      for (Path file : files.filter(ExampleConfigsTest::isYaml).sorted().toList()) {
        List<JsonNode> nodes = YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile()).readAll();
        assertThat(nodes).as("documents in %s", file).isNotEmpty();
        IntStream.range(0, nodes.size()).forEach(i -> documents.add(new Document(EXAMPLES.relativize(file), i + 1, nodes.get(i))));
      }
    }
    // Resources one example names may be declared in another file: index them all before building any config.
    documents.stream().filter(d -> d.is("PreferenceDataset"))
        .forEach(d -> datasets.putIfAbsent(d.name(), d.as(PreferenceDataset.class)));
    documents.stream().filter(d -> d.is("RewardModel")).forEach(d -> rewardModels.putIfAbsent(d.name(), d.as(RewardModel.class)));
    documents.stream().filter(d -> d.is("TrainerRuntime")).forEach(d -> runtimes.add(d.as(TrainerRuntime.class)));
    return documents.stream().map(d -> DynamicTest.dynamicTest(d.toString(), () -> check(d)));
  }

  private void check(Document d) {
    String kind = d.node().path("kind").asText(null);
    if (kind == null) {
      assertThat(d.node().properties()).as("%s has no kind; only a kustomize configuration may have none", d)
          .allSatisfy(e -> assertThat(KUSTOMIZE_CONFIGURATION).contains(e.getKey()));
      return;
    }
    if (NOT_FOR_A_TRAINER.contains(kind)) {
      return;
    }
    assertThat(d.node().path("apiVersion").asText()).as("%s apiVersion", d).isEqualTo(API_VERSION);
    if (d.is("TrainerRuntime")) {
      assertThat(d.as(TrainerRuntime.class).getSpec().commands).as("%s commands", d)
          .allSatisfy(c -> assertThat(TrainerCommand.of(c)).as("trainer command %s", c).isPresent());
      return;
    }
    List<StageSpec> stages = switch (kind) {
      case "AlignmentRun" -> launched(d, RuntimeSelection.run(d.as(AlignmentRun.class).getSpec(), CONFIG, RunPipeline.EVAL),
          run(d.as(AlignmentRun.class)));
      case "AlignmentSweep" -> launched(d, RuntimeSelection.run(d.as(AlignmentSweep.class).getSpec().template, CONFIG,
          RunPipeline.EVAL), sweep(d.as(AlignmentSweep.class)));
      case "PreferenceDataset" -> launched(d, RuntimeSelection.dataset(d.as(PreferenceDataset.class).getSpec(), CONFIG),
          dataset(d.as(PreferenceDataset.class)));
      case "RewardModel" -> launched(d, RuntimeSelection.rewardModel(d.as(RewardModel.class).getSpec(), CONFIG),
          rewardModel(d.as(RewardModel.class)));
      default -> fail("%s: kind %s is not handled by ExampleConfigsTest: teach it what the operator sends for it", d, kind);
    };
    if (!d.is("RewardModel") || d.as(RewardModel.class).getSpec().importSource == null) {
      assertThat(stages).as("%s stages", d).isNotEmpty();
    }
    stages.forEach(stage -> readByEveryRole(d, stage));
  }

  /** The stages with every role's Launch, on the examples' runtimes, which must exist and support them. */
  private List<StageSpec> launched(Document d, RuntimeSelection selection, List<StageSpec> stages) {
    Resolution resolution = LaunchResolver.resolve(selection, stages, Set.of(), RuntimeCatalog.of(runtimes, CONFIG));
    assertThat(resolution.readiness().message()).as("%s runtime", d).isNull();
    assertThat(resolution.stages()).flatExtracting(StageSpec::roles).as("%s launches", d)
        .allSatisfy(role -> assertThat(role.launch()).isNotNull());
    return resolution.stages();
  }

  /** What the operator sends for a run: every stage's config. */
  private List<StageSpec> run(AlignmentRun run) {
    return RunPipeline.stages(run, ready(RunPipeline.datasets(run.getSpec()), RunPipeline.rewardModels(run.getSpec())));
  }

  /** A sweep's children, laid out and made as the sweep planner makes them, and each child's stages. */
  private List<StageSpec> sweep(AlignmentSweep sweep) {
    SweepLayout layout = SweepLayout.of(sweep, OperatorConfig.defaults().sweepMaxCells());
    assertThat(layout.size()).as("cells of sweep %s", sweep.getMetadata().getName()).isPositive();
    return IntStream.range(0, layout.size())
        .mapToObj(i -> run(SweepChildren.desired(sweep, layout.child(i))))
        .flatMap(List::stream).toList();
  }

  private List<StageSpec> dataset(PreferenceDataset pds) {
    return DatasetPipeline.stages(pds, ready(List.of(), DatasetPipeline.rewardModels(pds)));
  }

  /** An imported reward model runs no stage; a trained one its reward stage. */
  private List<StageSpec> rewardModel(RewardModel rm) {
    RewardModelSpec spec = rm.getSpec();
    return spec.importSource != null ? List.of() : RewardModelPipeline.stages(rm, ready(List.of(spec.preferenceDataset), List.of()));
  }

  private static void readByEveryRole(Document d, StageSpec stage) {
    String json = stage.configJson();
    for (StageRole role : stage.roles()) {
      TrainerCommand command = TrainerCommand.of(role.command())
          .orElseThrow(() -> new AssertionError(d + " stage " + stage.name() + ": no contract command " + role.command()));
      CommandConfig read;
      try {
        read = ContractJson.read(json, command.config());
        ContractChecks.check(read);
      } catch (RuntimeException e) {
        throw new AssertionError(d + " stage " + stage.name() + " (" + command.command() + "): " + e.getMessage() + "\n" + json, e);
      }
      if (command.config() == stage.config().getClass()) {
        assertThat(read).as("%s stage %s read back", d, stage.name()).isEqualTo(stage.config());
      }
    }
  }

  /** The named datasets and reward models, Ready: the examples' own where declared, else a built-in stand-in. */
  private Dependencies ready(List<String> datasetNames, List<String> rewardModelNames) {
    Map<String, PreferenceDataset> readyDatasets = new LinkedHashMap<>();
    for (String name : datasetNames) {
      PreferenceDataset pds = datasets.computeIfAbsent(name, ExampleConfigsTest::builtinDataset);
      pds.setStatus(new PreferenceDatasetStatus());
      pds.getStatus().phase = DatasetPhase.Ready;
      pds.getStatus().uri = "file://" + Workspace.stageDir(NAMESPACE, name, DatasetPipeline.VALIDATE) + "/dataset";
      readyDatasets.put(name, pds);
    }
    Map<String, RewardModel> readyModels = new LinkedHashMap<>();
    for (String name : rewardModelNames) {
      RewardModel rm = rewardModels.computeIfAbsent(name, n -> named(new RewardModel(), n));
      rm.setStatus(new RewardModelStatus());
      rm.getStatus().phase = RewardModelPhase.Ready;
      rm.getStatus().checkpoint = Workspace.modelUri(NAMESPACE, name, RewardModelPipeline.REWARD);
      readyModels.put(name, rm);
    }
    return new Dependencies(readyDatasets, readyModels, Fixtures.URIS);
  }

  private static PreferenceDataset builtinDataset(String name) {
    PreferenceDataset pds = named(new PreferenceDataset(), name);
    pds.setSpec(new PreferenceDatasetSpec());
    pds.getSpec().source = new DatasetSource();
    pds.getSpec().source.uri = "builtin://sentiment/preferences";
    return pds;
  }

  private static <T extends HasMetadata> T named(T resource, String name) {
    resource.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE).build());
    return resource;
  }

  private static boolean isYaml(Path file) {
    String name = file.getFileName().toString();
    return Files.isRegularFile(file) && (name.endsWith(".yaml") || name.endsWith(".yml"));
  }

  /** One YAML document of an example file. */
  private record Document(Path file, int index, JsonNode node) {
    boolean is(String kind) {
      return API_VERSION.equals(node.path("apiVersion").asText()) && kind.equals(node.path("kind").asText());
    }

    String name() {
      return node.path("metadata").path("name").asText();
    }

    /** The document as the operator's type, in the namespace the API server would give it; unknown fields fail. */
    <T extends HasMetadata> T as(Class<T> type) {
      try {
        T resource = YAML.treeToValue(node, type);
        if (resource.getMetadata().getNamespace() == null) {
          resource.getMetadata().setNamespace(NAMESPACE_OF_DIRECTORY.getOrDefault(file.getName(0).toString(), NAMESPACE));
        }
        return resource;
      } catch (IOException e) {
        throw new AssertionError(this + " is not a valid " + type.getSimpleName() + ": " + e.getMessage(), e);
      }
    }

    @Override
    public String toString() {
      return file + " document " + index + " (" + node.path("kind").asText("no kind") + " " + name() + ")";
    }
  }
}
