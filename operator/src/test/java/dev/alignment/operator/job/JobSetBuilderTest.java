package dev.alignment.operator.job;

import static dev.alignment.operator.job.MultiNodeJobsTest.settings;
import static dev.alignment.operator.job.MultiNodeJobsTest.stage;
import static dev.alignment.operator.job.MultiNodeJobsTest.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.alignment.api.v1alpha1.AlignmentRun;
import dev.alignment.api.v1alpha1.Launcher;
import dev.alignment.api.v1alpha1.Scheduling;
import dev.alignment.operator.Fixtures;
import dev.alignment.operator.job.jobset.JobSet;
import dev.alignment.operator.job.jobset.JobSetSpec;
import dev.alignment.operator.stage.Launch;
import dev.alignment.operator.stage.StageRole;
import dev.alignment.operator.stage.StageSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobSetBuilderTest {
  private static final Launch TWO_PODS = new Launch("trl", "trl:1", List.of("alignment-trl"), Launcher.Torchrun, 2, 1, List.of());
  private final AlignmentRun run = Fixtures.dpoRun("quickstart");

  @Test
  void aTwoPodStageIsOneJobSetOfOneIndexedJobWithDnsHostnames() {
    JobSet jobSet = JobSetBuilder.desired(run, stage(TWO_PODS, 1), 2, settings(null), null);

    assertThat(jobSet.getMetadata().getName()).isEqualTo("quickstart-dpo-2");
    assertThat(jobSet.getMetadata().getLabels()).containsEntry(JobLabels.STAGE, "dpo").containsEntry(JobLabels.ATTEMPT, "2")
        .containsEntry(JobLabels.OWNER, "quickstart").doesNotContainKey(JobLabels.KUEUE_QUEUE);
    assertThat(jobSet.getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> {
      assertThat(ref.getUid()).isEqualTo("uid-quickstart");
      assertThat(ref.getController()).isTrue();
    });
    assertThat(jobSet.getSpec().suspend).isNull();
    assertThat(jobSet.getSpec().network.enableDNSHostnames).isTrue();
    assertThat(jobSet.getSpec().network.publishNotReadyAddresses).isTrue();
    JobSetSpec.ReplicatedJob only = jobSet.getSpec().replicatedJobs.get(0);
    assertThat(jobSet.getSpec().replicatedJobs).hasSize(1);
    assertThat(only.name).isEqualTo("trainer");
    assertThat(only.replicas).isEqualTo(1);
    JobSpec job = only.template.getSpec();
    assertThat(job.getCompletionMode()).isEqualTo("Indexed");
    assertThat(job.getParallelism()).isEqualTo(2);
    assertThat(job.getCompletions()).isEqualTo(2);
    assertThat(job.getBackoffLimit()).isZero();
    assertThat(job.getSuspend()).as("Kueue admits the JobSet, not its Jobs").isNull();
    assertThat(job.getTemplate().getSpec().getSubdomain()).as("the JobSet sets its own").isNull();
    assertThat(job.getTemplate().getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(job.getTemplate().getMetadata().getLabels()).containsEntry(JobLabels.OWNER, "quickstart")
        .containsEntry(JobLabels.ATTEMPT, "2");
    Container trainer = job.getTemplate().getSpec().getContainers().get(0);
    assertThat(value(trainer, "MASTER_ADDR")).isEqualTo("quickstart-dpo-2-trainer-0-0.quickstart-dpo-2");
    assertThat(value(trainer, "WORLD_SIZE")).isEqualTo("2");
    assertThat(trainer.getResources().getLimits()).containsKey("nvidia.com/gpu");
  }

  @Test
  void aPodFailureRestartsTheGroupAFewTimesButExitCodeTwoFailsItAtOnce() {
    JobSet jobSet = JobSetBuilder.desired(run, stage(TWO_PODS, null), 1, settings(null), null);

    assertThat(jobSet.getSpec().failurePolicy.maxRestarts).isEqualTo(JobSetBuilder.MAX_RESTARTS);
    assertThat(jobSet.getSpec().failurePolicy.rules).singleElement().satisfies(rule -> {
      assertThat(rule.action).isEqualTo("FailJobSet");
      assertThat(rule.onJobFailureReasons).containsExactly("PodFailurePolicy");
      // JobSet's webhook refuses other rule names (a hyphen, say) and with them the whole JobSet.
      assertThat(rule.name).matches("[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?");
    });
    JobSpec job = jobSet.getSpec().replicatedJobs.get(0).template.getSpec();
    assertThat(job.getPodFailurePolicy().getRules()).anySatisfy(rule -> {
      assertThat(rule.getAction()).isEqualTo("FailJob");
      assertThat(rule.getOnExitCodes().getValues()).containsExactly(2);
    });
  }

  @Test
  void aQueuedJobSetCarriesTheQueueLabelAndIsCreatedSuspended() {
    Scheduling scheduling = new Scheduling();
    scheduling.queueName = "gpus";

    JobSet jobSet = JobSetBuilder.desired(run, stage(TWO_PODS, 1), 1, settings(scheduling), null);

    assertThat(jobSet.getMetadata().getLabels()).containsEntry("kueue.x-k8s.io/queue-name", "gpus");
    assertThat(jobSet.getSpec().suspend).isTrue();
    assertThat(jobSet.getSpec().replicatedJobs.get(0).template.getMetadata()).isNull();
  }

  @Test
  void aPpoGangIsOneReplicatedJobPerRoleWithTheCriticTokenMountedInBoth() {
    StageSpec ppo = new StageSpec("ppo", List.of(
        new StageRole("actor", "ppo-actor", null, null, TWO_PODS),
        new StageRole("critic", "ppo-critic", null, 8080, null)), MultiNodeJobsTest.stage(null, null).config(), null);

    JobSet jobSet = JobSetBuilder.desired(run, ppo, 1, settings(null), "quickstart-ppo-1-critic-token");

    assertThat(jobSet.getMetadata().getName()).as("named for the attempt, not a role").isEqualTo("quickstart-ppo-1");
    assertThat(jobSet.getSpec().replicatedJobs).extracting(r -> r.name).containsExactly("actor", "critic");
    JobSpec actor = jobSet.getSpec().replicatedJobs.get(0).template.getSpec();
    JobSpec critic = jobSet.getSpec().replicatedJobs.get(1).template.getSpec();
    assertThat(actor.getParallelism()).isEqualTo(2);
    assertThat(critic.getParallelism()).as("a role of one pod is a plain Job").isNull();
    assertThat(value(actor.getTemplate().getSpec().getContainers().get(0), "MASTER_ADDR"))
        .isEqualTo("quickstart-ppo-1-actor-0-0.quickstart-ppo-1");
    assertThat(critic.getTemplate().getSpec().getContainers().get(0).getCommand()).containsExactly("alignment-trainer");
    assertThat(critic.getTemplate().getMetadata().getLabels()).containsEntry(JobLabels.ROLE, "critic");
    for (JobSpec role : List.of(actor, critic)) {
      assertThat(role.getTemplate().getSpec().getVolumes()).filteredOn(v -> v.getSecret() != null)
          .extracting(v -> v.getSecret().getSecretName()).containsExactly("quickstart-ppo-1-critic-token");
    }
  }

  @Test
  void aLongNameIsShortenedSoThatEveryPodNameTheJobSetControllerMakesFits() {
    AlignmentRun longName = Fixtures.dpoRun("a-run-name-of-forty-characters-exactly-x");
    Launch twelvePods = new Launch("trl", "trl:1", List.of("alignment-trl"), Launcher.Torchrun, 12, 1, List.of());

    String name = JobSetBuilder.desired(longName, stage(twelvePods, null), 10, settings(null), null).getMetadata().getName();

    String longestPod = name + "-trainer-0-11-abcde";
    assertThat(longestPod).hasSizeLessThanOrEqualTo(63);
    assertThat(name).startsWith("a-run-name-of").matches("[a-z]([-a-z0-9]*[a-z0-9])?");
    assertThat(JobSetBuilder.desired(run, stage(twelvePods, null), 10, settings(null), null).getMetadata().getName())
        .as("a short name is kept").isEqualTo("quickstart-dpo-10");
  }
}
