package dev.alignment.operator.stage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alignment.api.v1alpha1.AlignmentRun;
import dev.alignment.api.v1alpha1.ExportSpec;
import dev.alignment.api.v1alpha1.RewardModel;
import dev.alignment.api.v1alpha1.RewardModelSpec;
import dev.alignment.contract.StageHeader;
import dev.alignment.operator.Fixtures;
import java.util.List;
import java.util.Map;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import org.junit.jupiter.api.Test;

/** spec.export reaches only the stage that trains the resource's final model, as its exportUri. */
class ExportsTest {
  private static final String URI = "s3://models/team-a/aligned";
  private final Dependencies deps = new Dependencies(
      Map.of("prefs", Fixtures.readyDataset("prefs", "file:///workspace/team-a/prefs/validate/dataset")), Map.of(),
      Fixtures.URIS);

  @Test
  void aRunExportsItsAlignedPolicyFromThePolicyStageOnly() {
    AlignmentRun run = Fixtures.dpoRun("exported");
    run.getSpec().export = export();

    List<StageSpec> stages = RunPipeline.stages(run, deps);

    assertThat(stages).extracting(StageSpec::name).containsExactly("sft", "dpo", "eval");
    assertThat(stages).extracting(s -> header(s).exportUri()).containsExactly(null, URI, null);
    assertThat(stages.get(1).configJson()).contains("\"exportUri\" : \"" + URI + "\"");
    assertThat(stages.get(0).configJson()).doesNotContain("exportUri");
  }

  @Test
  void aRewardModelExportsWhatItTrains() {
    RewardModel rm = new RewardModel();
    rm.setMetadata(new ObjectMetaBuilder().withName("rm").withNamespace("team-a").build());
    rm.setSpec(new RewardModelSpec());
    rm.getSpec().preferenceDataset = "prefs";
    rm.getSpec().export = export();

    assertThat(header(RewardModelPipeline.stages(rm, deps).get(0)).exportUri()).isEqualTo(URI);
  }

  private static ExportSpec export() {
    ExportSpec export = new ExportSpec();
    export.uri = URI;
    return export;
  }

  private static StageHeader header(StageSpec stage) {
    return stage.config().header();
  }
}
