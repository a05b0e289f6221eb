package dev.alignment.operator.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alignment.api.v1alpha1.Algorithm;
import dev.alignment.api.v1alpha1.AlignmentRun;
import dev.alignment.api.v1alpha1.ModelSpec;
import dev.alignment.api.v1alpha1.PpoSpec;
import dev.alignment.api.v1alpha1.ResourceRequest;
import dev.alignment.api.v1alpha1.RoleResources;
import dev.alignment.api.v1alpha1.TrainingSpec;
import dev.alignment.contract.BestOfNBlock;
import dev.alignment.contract.BestOfNConfig;
import dev.alignment.contract.CommandConfig;
import dev.alignment.contract.ContractJson;
import dev.alignment.contract.CriticBlock;
import dev.alignment.contract.Defaults;
import dev.alignment.contract.DpoConfig;
import dev.alignment.contract.EvalConfig;
import dev.alignment.contract.PpoActorConfig;
import dev.alignment.contract.PpoBlock;
import dev.alignment.operator.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunPipelineTest {
  private final Dependencies deps = new Dependencies(
      Map.of("prefs", Fixtures.readyDataset("prefs", "file:///workspace/team-a/prefs/validate/dataset")),
      Map.of("rm", Fixtures.readyRewardModel("rm", "file:///workspace/team-a/rm/reward/model")), Fixtures.URIS);

  @Test
  void dpoRunWithSftHasThreeStagesChainedThroughTheWorkspace() {
    List<StageSpec> stages = RunPipeline.stages(Fixtures.dpoRun("quickstart"), deps);

    assertThat(stages).extracting(StageSpec::name).containsExactly("sft", "dpo", "eval");
    assertThat(stages).extracting(s -> s.roles().get(0).command()).containsExactly("sft", "dpo", "eval");
    assertThat(stages).allSatisfy(s -> assertThat(s.roleNames()).isEmpty());
    DpoConfig dpo = config(stages.get(1), DpoConfig.class);
    assertThat(dpo.header().outputDir()).isEqualTo("/workspace/team-a/quickstart/dpo");
    assertThat(dpo.dataset()).isEqualTo("file:///workspace/team-a/prefs/validate/dataset");
    assertThat(dpo.loss()).isEqualTo(DpoConfig.Loss.DPO);
    assertThat(dpo.beta()).isEqualTo(0.1);
    assertThat(dpo.labelSmoothing()).isEqualTo(0.0);
    assertThat(dpo.models().reference().uri()).isEqualTo("file:///workspace/team-a/quickstart/sft/model");
    EvalConfig eval = config(stages.get(2), EvalConfig.class);
    assertThat(eval.models().policy().uri()).isEqualTo("file:///workspace/team-a/quickstart/dpo/model");
    assertThat(eval.models().reference().uri()).isEqualTo("file:///workspace/team-a/quickstart/sft/model");
  }

  @Test
  void withoutSftTheStartModelIsTheReference() {
    AlignmentRun run = Fixtures.dpoRun("nosft");
    run.getSpec().sft = null;
    run.getSpec().model = new ModelSpec();
    run.getSpec().model.uri = "run://base/sft";

    List<StageSpec> stages = RunPipeline.stages(run, deps);

    assertThat(stages).extracting(StageSpec::name).containsExactly("dpo", "eval");
    assertThat(config(stages.get(0), DpoConfig.class).models().reference().uri())
        .isEqualTo("file:///workspace/team-a/base/sft/model");
  }

  @Test
  void cdpoCarriesItsLabelSmoothing() {
    AlignmentRun run = Fixtures.dpoRun("c");
    run.getSpec().algorithm = Algorithm.CDPO;
    run.getSpec().training = new TrainingSpec();
    run.getSpec().training.labelSmoothing = 0.2;

    DpoConfig dpo = config(RunPipeline.stages(run, deps).get(1), DpoConfig.class);

    assertThat(dpo.loss()).isEqualTo(DpoConfig.Loss.CDPO);
    assertThat(dpo.labelSmoothing()).isEqualTo(0.2);
  }

  @Test
  void ppoAndBestOfNReadTheRewardModel() {
    AlignmentRun run = Fixtures.dpoRun("p");
    run.getSpec().algorithm = Algorithm.PPO;
    run.getSpec().preferenceDataset = null;
    run.getSpec().rewardModel = "rm";

    assertThat(RunPipeline.stages(run, deps)).extracting(StageSpec::name).containsExactly("sft", "ppo", "eval");
    assertThat(RunPipeline.rewardModels(run.getSpec())).containsExactly("rm");
    assertThat(RunPipeline.datasets(run.getSpec())).isEmpty();
    run.getSpec().algorithm = Algorithm.BestOfN;
    assertThat(config(RunPipeline.stages(run, deps).get(1), BestOfNConfig.class).n()).isEqualTo(Defaults.BEST_OF_N);
  }

  @Test
  void splitPpoIsAnActorAndACriticTheActorFindsThroughTheCriticService() {
    AlignmentRun run = ppoRun();
    run.getSpec().resources = new RoleResources();
    run.getSpec().resources.critic = new ResourceRequest();
    run.getSpec().resources.critic.gpus = 1;

    StageSpec ppo = RunPipeline.stages(run, deps).get(1);

    assertThat(ppo.roleNames()).containsExactly("actor", "critic");
    assertThat(ppo.roles()).extracting(StageRole::command).containsExactly("ppo-actor", "ppo-critic");
    assertThat(ppo.roles().get(1).resources().gpus).isEqualTo(1);
    assertThat(ppo.roles().get(1).servicePort()).isEqualTo(8080);
    PpoActorConfig actor = config(ppo, PpoActorConfig.class);
    assertThat(actor.critic()).isEqualTo(new CriticBlock("http://p-ppo-critic.team-a.svc:8080", 8080, "/etc/alignment/critic/token"));
    assertThat(actor.ppo().topology()).isEqualTo(PpoBlock.Topology.Split);
  }

  @Test
  void colocatedPpoIsOneJobWithoutACritic() {
    AlignmentRun run = ppoRun();
    run.getSpec().ppo = new PpoSpec();
    run.getSpec().ppo.topology = PpoSpec.Topology.Colocated;

    StageSpec ppo = RunPipeline.stages(run, deps).get(1);

    assertThat(ppo.roleNames()).isEmpty();
    assertThat(ppo.roles().get(0).command()).isEqualTo("ppo-actor");
    assertThat(config(ppo, PpoActorConfig.class).critic()).isNull();
    assertThat(ppo.configJson()).doesNotContain("\"critic\"");
  }

  @Test
  void evaluationPromptsDefaultToThePolicyPromptsUnlessSetApart() {
    AlignmentRun run = ppoRun();
    run.getSpec().promptDataset = new dev.alignment.api.v1alpha1.UriSource("builtin://sentiment/prompts?count=32");
    assertThat(config(RunPipeline.stages(run, deps).get(2), EvalConfig.class).prompts()).isEqualTo("builtin://sentiment/prompts?count=32");

    run.getSpec().evaluation = new dev.alignment.api.v1alpha1.EvaluationSpec();
    run.getSpec().evaluation.prompts = new dev.alignment.api.v1alpha1.UriSource("builtin://sentiment/prompts");

    assertThat(config(RunPipeline.stages(run, deps).get(2), EvalConfig.class).prompts()).isEqualTo("builtin://sentiment/prompts");
    assertThat(config(RunPipeline.stages(run, deps).get(1), PpoActorConfig.class).inputs().prompts())
        .isEqualTo("builtin://sentiment/prompts?count=32");
  }

  @Test
  void ppoConfigsStateEveryTimeoutAndKlSettingWithTheContractsDefaultsUnlessSet() {
    AlignmentRun run = ppoRun();
    PpoBlock defaults = config(RunPipeline.stages(run, deps).get(1), PpoActorConfig.class).ppo();
    assertThat(defaults.startupTimeoutSeconds()).isEqualTo(Defaults.PPO_STARTUP_TIMEOUT_SECONDS);
    assertThat(defaults.peerTimeoutSeconds()).isEqualTo(Defaults.PPO_PEER_TIMEOUT_SECONDS);
    assertThat(defaults.klHorizon()).isEqualTo(Defaults.PPO_KL_HORIZON);
    assertThat(defaults.klEstimator()).isEqualTo(Defaults.PPO_KL_ESTIMATOR);

    run.getSpec().ppo = new PpoSpec();
    run.getSpec().ppo.startupTimeoutSeconds = 900;

    assertThat(config(RunPipeline.stages(run, deps).get(1), PpoActorConfig.class).ppo().startupTimeoutSeconds()).isEqualTo(900.0);
  }

  @Test
  void bestOfNIsEvaluatedAsTheStartPolicyRerankedByTheRewardModel() {
    AlignmentRun run = ppoRun();
    run.getSpec().algorithm = Algorithm.BestOfN;
    Dependencies withRm = new Dependencies(Map.of(), Map.of("rm", Fixtures.readyRewardModel("rm", "file:///workspace/team-a/rm/reward/model")), Fixtures.URIS);

    EvalConfig eval = config(RunPipeline.stages(run, withRm).get(2), EvalConfig.class);

    assertThat(eval.models().policy().uri()).isEqualTo("file:///workspace/team-a/p/sft/model");
    assertThat(eval.bestOfN()).isEqualTo(new BestOfNBlock(8, "file:///workspace/team-a/rm/reward/model"));
  }

  private static AlignmentRun ppoRun() {
    AlignmentRun run = Fixtures.dpoRun("p");
    run.getSpec().algorithm = Algorithm.PPO;
    run.getSpec().preferenceDataset = null;
    run.getSpec().rewardModel = "rm";
    return run;
  }

  @Test
  void labelNoiseIsKnownForBuiltInAndSynthesizedDataOnly() {
    var builtin = Fixtures.readyDataset("b", "file:///x");
    var noisy = Fixtures.readyDataset("n", "file:///x");
    noisy.getSpec().source.uri = "builtin://sentiment/preferences?count=500&noise=0.25";
    var file = Fixtures.readyDataset("f", "file:///x");
    file.getSpec().source.uri = "file:///workspace/pairs.jsonl";
    Dependencies all = new Dependencies(Map.of("b", builtin, "n", noisy, "f", file), Map.of(), Fixtures.URIS);

    assertThat(RunPipeline.labelNoise(all, "b")).isEqualTo(0.0);
    assertThat(RunPipeline.labelNoise(all, "n")).isEqualTo(0.25);
    assertThat(RunPipeline.labelNoise(all, "f")).isNull();
    assertThat(config(RunPipeline.stages(Fixtures.dpoRun("r"), deps).get(2), EvalConfig.class).preferenceLabelNoise()).isEqualTo(0.0);
  }

  @Test
  void malformedRunUriIsRejected() {
    assertThatThrownBy(() -> Workspace.resolveModel("spec.model.uri", "ns", "run://only-a-run"))
        .hasMessageContaining("run://<alignmentrun>/<stage>");
  }

  @Test
  void readinessNamesTheFirstMissingDependency() {
    Readiness readiness = new Dependencies(Map.of(), Map.of(), Fixtures.URIS).readiness(List.of("prefs"), List.of("rm"));

    assertThat(readiness.reason()).isEqualTo("WaitingForPreferenceDataset");
    assertThat(readiness.message()).isEqualTo("waiting for PreferenceDataset prefs to be Ready (not found)");
    assertThat(deps.readiness(List.of("prefs"), List.of("judge")).message())
        .isEqualTo("waiting for RewardModel judge to be Ready (not found)");
    assertThat(deps.readiness(List.of("prefs"), List.of("rm")).isReady()).isTrue();
  }

  /** The stage's config as the trainer reads it: written by the operator, read back by the contract's strict reader. */
  private static <T extends CommandConfig> T config(StageSpec stage, Class<T> type) {
    T read = ContractJson.read(stage.configJson(), type);
    assertThat(read).isEqualTo(stage.config());
    return read;
  }
}
