package dev.alignment.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alignment.api.v1alpha1.Algorithm;
import dev.alignment.api.v1alpha1.AlignmentRun;
import dev.alignment.api.v1alpha1.EnvVariable;
import dev.alignment.api.v1alpha1.Launcher;
import dev.alignment.api.v1alpha1.PpoSpec;
import dev.alignment.api.v1alpha1.PreferenceDatasetSpec;
import dev.alignment.api.v1alpha1.ResourceRequest;
import dev.alignment.api.v1alpha1.RewardModelSpec;
import dev.alignment.api.v1alpha1.RoleResources;
import dev.alignment.api.v1alpha1.RuntimeEnvVariable;
import dev.alignment.api.v1alpha1.RuntimeResources;
import dev.alignment.api.v1alpha1.TrainerRuntime;
import dev.alignment.api.v1alpha1.TrainerRuntimeSpec;
import dev.alignment.operator.Fixtures;
import dev.alignment.operator.config.OperatorConfig;
import dev.alignment.operator.stage.Dependencies;
import dev.alignment.operator.stage.Launch;
import dev.alignment.operator.stage.RunPipeline;
import dev.alignment.operator.stage.StageRole;
import dev.alignment.operator.stage.StageSpec;
import dev.alignment.operator.status.Reasons;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LaunchResolverTest {
  private static final OperatorConfig CONFIG = OperatorConfig.defaults();
  private static final Dependencies DEPS = new Dependencies(
      Map.of("prefs", Fixtures.readyDataset("prefs", "file:///workspace/team-a/prefs/validate/dataset")),
      Map.of("rm", Fixtures.readyRewardModel("rm", "file:///workspace/team-a/rm/reward/model")), Fixtures.URIS);
  private static final TrainerRuntime DJL = runtime("djl", "trainer:djl", Launcher.Single,
      List.of("validate-dataset", "synthesize", "reward", "sft", "dpo", "ppo-actor", "ppo-critic", "best-of-n", "eval"),
      List.of(Algorithm.values()));
  private static final TrainerRuntime TRL = runtime("trl", "trainer:trl", Launcher.Torchrun,
      List.of("validate-dataset", "sft", "reward", "dpo"), List.of(Algorithm.DPO, Algorithm.IPO));

  @Test
  void aRunTrainsOnItsRuntimeAndIsEvaluatedOnTheReference() {
    AlignmentRun run = onRuntime("trl");
    run.getSpec().resources = trainer(2, 4);

    List<StageSpec> stages = resolve(run, DJL, TRL).stages();

    assertThat(stages).extracting(StageSpec::name).containsExactly("sft", "dpo", "eval");
    assertThat(launch(stages, "sft")).isEqualTo(new Launch("trl", "trainer:trl", List.of("trl-train"), Launcher.Torchrun, 2, 4,
        List.of()));
    assertThat(launch(stages, "dpo").runtime()).isEqualTo("trl");
    assertThat(launch(stages, "eval")).isEqualTo(
        new Launch("djl", "trainer:djl", List.of("alignment-trainer"), Launcher.Single, 1, 1, List.of()));
  }

  @Test
  void aRunNamingNoRuntimeRunsOnTheDefault() {
    List<StageSpec> stages = resolve(Fixtures.dpoRun("plain"), DJL, TRL).stages();

    assertThat(stages).flatExtracting(StageSpec::roles).extracting(r -> r.launch().runtime()).containsOnly("djl");
  }

  @Test
  void withoutARuntimeObjectTheDefaultFallsBackToTheTrainerImageOnOnePod() {
    Resolution resolution = resolve(Fixtures.dpoRun("old"));

    assertThat(resolution.readiness().isReady()).isTrue();
    assertThat(resolution.stages()).flatExtracting(StageSpec::roles).extracting(StageRole::launch).containsOnly(
        new Launch("djl", CONFIG.trainerImage(), List.of("alignment-trainer"), Launcher.Single, 1, 1, List.of()));
  }

  @Test
  void specImageReplacesTheRunsRuntimeImageButNotTheReferenceRuntimes() {
    AlignmentRun run = onRuntime("trl");
    run.getSpec().image = "trainer:trl-dev";

    List<StageSpec> stages = resolve(run, DJL, TRL).stages();

    assertThat(launch(stages, "dpo").image()).isEqualTo("trainer:trl-dev");
    assertThat(launch(stages, "eval").image()).isEqualTo("trainer:djl");
  }

  @Test
  void onTheReferenceRuntimeSpecImageReplacesEveryStagesImageAsBefore() {
    AlignmentRun run = Fixtures.dpoRun("dev");
    run.getSpec().image = "trainer:dev";

    assertThat(resolve(run, DJL).stages()).flatExtracting(StageSpec::roles).extracting(r -> r.launch().image())
        .containsOnly("trainer:dev");
  }

  @Test
  void processesPerNodeAreOneWithoutGpusAndUnderSingle() {
    AlignmentRun cpu = onRuntime("trl");
    cpu.getSpec().resources = trainer(2, null);
    AlignmentRun gpus = Fixtures.dpoRun("single");
    gpus.getSpec().resources = trainer(null, 8);

    assertThat(launch(resolve(cpu, DJL, TRL).stages(), "dpo").processesPerNode()).isEqualTo(1);
    assertThat(launch(resolve(gpus, DJL, TRL).stages(), "dpo").processesPerNode()).isEqualTo(1);
  }

  @Test
  void anUnsupportedAlgorithmIsRefusedNamingTheAlgorithmAndTheRuntime() {
    AlignmentRun run = onRuntime("trl");
    run.getSpec().algorithm = Algorithm.CDPO;

    assertThatThrownBy(() -> resolve(run, DJL, TRL)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("spec.algorithm: runtime trl does not support algorithm CDPO (supports DPO, IPO)");
  }

  @Test
  void anUnsupportedCommandIsRefusedNamingTheCommandAndTheRuntime() {
    TrainerRuntime ppoLess = runtime("trl", "trainer:trl", Launcher.Torchrun, List.of("sft", "dpo"),
        List.of(Algorithm.values()));
    AlignmentRun run = onRuntime("trl");
    run.getSpec().algorithm = Algorithm.PPO;
    run.getSpec().rewardModel = "rm";
    run.getSpec().ppo = new PpoSpec();

    assertThatThrownBy(() -> resolve(run, DJL, ppoLess)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("spec.runtime: runtime trl does not support command ppo-actor (supports sft, dpo)");
  }

  @Test
  void severalNodesOnASingleLauncherAreRefusedNamingTheFieldAndTheRuntime() {
    AlignmentRun run = Fixtures.dpoRun("wide");
    run.getSpec().resources = trainer(2, 1);

    assertThatThrownBy(() -> resolve(run, DJL)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("spec.resources.trainer.nodes: 2 pods need a distributed launcher, and runtime djl has launcher "
            + "Single (one process on one pod): pick a runtime whose launcher is Torchrun, or set nodes to 1");
    assertThatThrownBy(() -> resolve(run)).as("the fallback launches Single too")
        .hasMessageStartingWith("spec.resources.trainer.nodes: 2 pods need a distributed launcher");
  }

  @Test
  void anUnknownRuntimeIsAWaitNamingItWithTheStagesUnlaunched() {
    Resolution resolution = resolve(onRuntime("trl"), DJL);

    assertThat(resolution.readiness().reason()).isEqualTo(Reasons.RUNTIME_NOT_FOUND);
    assertThat(resolution.readiness().message()).isEqualTo("waiting for TrainerRuntime trl (spec.runtime) to be applied (not found)");
    assertThat(resolution.stages()).flatExtracting(StageSpec::roles).extracting(StageRole::launch).containsOnlyNulls();
  }

  @Test
  void finishedStagesNeedNoRuntime() {
    AlignmentRun run = onRuntime("trl");
    run.getSpec().algorithm = Algorithm.CDPO;
    List<StageSpec> stages = RunPipeline.stages(run, DEPS);

    Resolution resolution = LaunchResolver.resolve(RuntimeSelection.run(run.getSpec(), CONFIG, RunPipeline.EVAL), stages,
        Set.of("sft", "dpo"), catalog());

    assertThat(resolution.readiness().isReady()).as("trl is gone, but only eval is left, on the reference").isTrue();
    assertThat(launch(resolution.stages(), "dpo")).isNull();
    assertThat(launch(resolution.stages(), "eval").runtime()).isEqualTo("djl");
  }

  @Test
  void theRuntimesResourcesFillWhatTheSpecLeavesAndItsEnvComesAlong() {
    TrainerRuntime trl = runtime("trl", "trainer:trl", Launcher.Torchrun, List.of("sft", "dpo", "eval"), List.of(Algorithm.DPO));
    trl.getSpec().resources = new RuntimeResources();
    trl.getSpec().resources.cpu = new Quantity("8");
    trl.getSpec().resources.memory = new Quantity("32Gi");
    trl.getSpec().env = List.of(new RuntimeEnvVariable("NCCL_DEBUG", "WARN"));
    AlignmentRun run = onRuntime("trl");
    run.getSpec().resources = trainer(null, 1);
    run.getSpec().resources.trainer.memory = new Quantity("64Gi");

    StageRole dpo = role(resolve(run, DJL, trl).stages(), "dpo");

    assertThat(dpo.resources().cpu).isEqualTo(new Quantity("8"));
    assertThat(dpo.resources().memory).isEqualTo(new Quantity("64Gi"));
    assertThat(dpo.resources().gpus).isEqualTo(1);
    assertThat(run.getSpec().resources.trainer.cpu).as("the spec is not changed").isNull();
    assertThat(dpo.launch().env()).usingRecursiveFieldByFieldElementComparator()
        .containsExactly(new EnvVariable("NCCL_DEBUG", "WARN"));
  }

  @Test
  void aRewardModelTrainsOnItsRuntimeAndADatasetIsValidatedOnTheReference() {
    RewardModelSpec rm = new RewardModelSpec();
    rm.runtime = "trl";
    PreferenceDatasetSpec pds = new PreferenceDatasetSpec();
    OperatorConfig config = withEvalRuntime("djl-eval");
    TrainerRuntime djlEval = runtime("djl-eval", "trainer:eval", Launcher.Single, List.of("validate-dataset"), List.of());
    List<StageSpec> reward = List.of(new StageSpec("reward",
        List.of(new StageRole(null, "reward", null, null, null)), null, null));
    List<StageSpec> validate = List.of(new StageSpec("validate",
        List.of(new StageRole(null, "validate-dataset", null, null, null)), null, null));

    assertThat(launch(LaunchResolver.resolve(RuntimeSelection.rewardModel(rm, config), reward, Set.of(),
        catalog(TRL, djlEval)).stages(), "reward").runtime()).isEqualTo("trl");
    assertThat(launch(LaunchResolver.resolve(RuntimeSelection.dataset(pds, config), validate, Set.of(),
        catalog(TRL, djlEval)).stages(), "validate").runtime()).isEqualTo("djl-eval");
    assertThat(RuntimeSelection.run(onRuntime("trl").getSpec(), config, RunPipeline.EVAL).runtimes())
        .containsExactly("trl", "djl-eval");
  }

  private static Resolution resolve(AlignmentRun run, TrainerRuntime... runtimes) {
    return LaunchResolver.resolve(RuntimeSelection.run(run.getSpec(), CONFIG, RunPipeline.EVAL),
        RunPipeline.stages(run, DEPS), Set.of(), catalog(runtimes));
  }

  private static RuntimeCatalog catalog(TrainerRuntime... runtimes) {
    return RuntimeCatalog.of(List.of(runtimes), CONFIG);
  }

  private static OperatorConfig withEvalRuntime(String name) {
    OperatorConfig d = OperatorConfig.defaults();
    return new OperatorConfig(d.trainerImage(), d.imagePullPolicy(), d.workspaceClaim(), d.watchNamespaces(),
        d.metricsPort(), d.trainerCpu(), d.trainerMemory(), d.trainerServiceAccount(), d.retryBackoffSeconds(),
        d.retryBackoffMaxSeconds(), d.progressIntervalSeconds(), d.leaderElection(), d.leaseName(), d.leaseNamespace(),
        d.sweepMaxCells(), d.sweepCreateBatch(), d.sweepLeaderboardTop(), d.allowedImages(), d.allowedTolerationKeys(),
        d.allowedPriorityClasses(), d.allowedNodeSelectorKeys(), d.allowedClaims(), d.allowedEnvNames(),
        d.imagePullSecrets(), d.trainerActiveDeadlineSeconds(), d.httpAllowedHosts(), d.httpAllowedCidrs(),
        d.httpMaxBytes(), d.s3Endpoint(), d.defaultRuntime(), name);
  }

  private static AlignmentRun onRuntime(String runtime) {
    AlignmentRun run = Fixtures.dpoRun("on-" + runtime);
    run.getSpec().runtime = runtime;
    return run;
  }

  private static RoleResources trainer(Integer nodes, Integer gpus) {
    RoleResources resources = new RoleResources();
    resources.trainer = new ResourceRequest();
    resources.trainer.nodes = nodes;
    resources.trainer.gpus = gpus;
    return resources;
  }

  private static StageRole role(List<StageSpec> stages, String stage) {
    return stages.stream().filter(s -> s.name().equals(stage)).findFirst().orElseThrow().roles().get(0);
  }

  private static Launch launch(List<StageSpec> stages, String stage) {
    return role(stages, stage).launch();
  }

  private static TrainerRuntime runtime(String name, String image, Launcher launcher, List<String> commands,
      List<Algorithm> algorithms) {
    TrainerRuntime runtime = new TrainerRuntime();
    runtime.setMetadata(new ObjectMetaBuilder().withName(name).build());
    runtime.setSpec(new TrainerRuntimeSpec());
    runtime.getSpec().image = image;
    runtime.getSpec().launcher = launcher;
    runtime.getSpec().commands = commands;
    runtime.getSpec().algorithms = algorithms;
    runtime.getSpec().command = name.equals("trl") ? List.of("trl-train") : null;
    return runtime;
  }
}
