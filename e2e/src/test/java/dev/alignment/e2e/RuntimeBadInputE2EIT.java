package dev.alignment.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alignment.api.v1alpha1.AlignmentRun;
import dev.alignment.api.v1alpha1.RunPhase;
import dev.alignment.api.v1alpha1.StageStatus;
import org.junit.jupiter.api.Test;

/**
 * A runtime whose image refuses its input (exit 2) on the local cluster: the run fails at its first attempt with the
 * trainer's own words in its status, and no retry is spent on it.
 */
class RuntimeBadInputE2EIT {
  @Test
  void aRuntimeImageThatExitsTwoFailsTheRunAtOnceWithItsMessage() {
    LocalCluster cluster = LocalCluster.get();
    String ns = cluster.newNamespace("badruntime");
    String runtime = ns + "-refuses";
    // The reference image under an entrypoint that refuses every config as bad input, as a broken runtime image would.
    cluster.kubectl("""
        apiVersion: alignment.dev/v1alpha1
        kind: TrainerRuntime
        metadata: {name: %s}
        spec:
          image: alignment-trainer:0.1.0
          command: [sh, -c, 'echo "config.json: unknown key trainingSteps" >&2; exit 2', refuses]
          commands: [validate-dataset, sft, dpo, eval]
          algorithms: [DPO]
        """.formatted(runtime), "apply", "-f", "-");
    cluster.apply(ns, SmallRuns.documents(SmallRuns.dataset("prefs"), SmallRuns.manifest("AlignmentRun", "refused", """
        runtime: %s
        algorithm: DPO
        preferenceDataset: prefs
        maxRetries: 3
        training: {steps: 10, batchSize: 8}
        resources: {trainer: {cpu: 250m, memory: 1Gi}}
        """.formatted(runtime))));

    cluster.kubectl(null, "wait", "-n", ns, "--for=condition=Failed", "arun/refused", "--timeout=300s");
    AlignmentRun run = cluster.client.resources(AlignmentRun.class).inNamespace(ns).withName("refused").get();
    assertThat(run.getStatus().phase).isEqualTo(RunPhase.Failed);
    StageStatus dpo = run.getStatus().stages.stream().filter(s -> s.name.equals("dpo")).findFirst().orElseThrow();
    assertThat(dpo.attempts).as("bad input is not retried").isEqualTo(1);
    assertThat(dpo.message).contains("unknown key trainingSteps");
    cluster.kubectl(null, "delete", "trainerruntime", runtime);
  }
}
