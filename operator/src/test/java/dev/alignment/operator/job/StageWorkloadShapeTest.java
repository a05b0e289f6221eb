package dev.alignment.operator.job;

import static dev.alignment.operator.job.MultiNodeJobsTest.settings;
import static dev.alignment.operator.job.MultiNodeJobsTest.stage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.alignment.api.v1alpha1.Launcher;
import dev.alignment.api.v1alpha1.Scheduling;
import dev.alignment.operator.stage.Launch;
import dev.alignment.operator.stage.StageRole;
import dev.alignment.operator.stage.StageSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which stage attempts run as one JobSet: the decision alone (it reads nothing from the cluster). */
class StageWorkloadShapeTest {
  private static final Launch TWO_PODS = new Launch("trl", "trl:1", List.of("alignment-trl"), Launcher.Torchrun, 2, 1, List.of());
  private static final StageJobs WITH_JOBSETS = new StageJobs(null, true);
  private static final StageJobs WITHOUT_JOBSETS = new StageJobs(null, false);

  @Test
  void aMultiPodRoleIsAJobSetWhereTheApiIsInstalled() {
    assertThat(WITH_JOBSETS.asJobSet(stage(TWO_PODS, null), settings(null))).isTrue();
    assertThat(WITHOUT_JOBSETS.asJobSet(stage(TWO_PODS, null), settings(null))).isFalse();
  }

  @Test
  void aSinglePodStageStaysAPlainJobEvenWhenQueued() {
    assertThat(WITH_JOBSETS.asJobSet(stage(null, null), settings(queue()))).isFalse();
  }

  @Test
  void aPpoPairIsAGangOnlyWhenKueueAdmitsIt() {
    StageSpec ppo = new StageSpec("ppo", List.of(new StageRole("actor", "ppo-actor", null, null, null),
        new StageRole("critic", "ppo-critic", null, 8080, null)), stage(null, null).config(), null);

    assertThat(WITH_JOBSETS.asJobSet(ppo, settings(queue()))).isTrue();
    assertThat(WITH_JOBSETS.asJobSet(ppo, settings(null))).as("unqueued, two Jobs as before").isFalse();
    assertThat(WITHOUT_JOBSETS.asJobSet(ppo, settings(queue()))).as("no gang without JobSet").isFalse();
  }

  private static Scheduling queue() {
    Scheduling scheduling = new Scheduling();
    scheduling.queueName = "gpus";
    return scheduling;
  }
}
