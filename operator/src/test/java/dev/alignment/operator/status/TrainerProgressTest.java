package dev.alignment.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrainerProgressTest {
  @Test
  void readsTheStepGaugesFromAPrometheusExposition() {
    String exposition = """
        # HELP alignment_trainer_step Last completed training step
        # TYPE alignment_trainer_step gauge
        alignment_trainer_step{namespace="a",owner="run",stage="dpo"} 120.0
        # TYPE alignment_trainer_total_steps gauge
        alignment_trainer_total_steps{namespace="a",owner="run",stage="dpo"} 200.0
        alignment_trainer_eta_seconds{namespace="a",owner="run",stage="dpo"} 95.4
        alignment_trainer_metric{namespace="a",owner="run",stage="dpo",name="loss"} 0.41
        """;

    TrainerProgress progress = TrainerProgress.parse(exposition).orElseThrow();

    assertThat(progress.step()).isEqualTo(120);
    assertThat(progress.totalSteps()).isEqualTo(200);
    assertThat(progress.etaText()).isEqualTo("1m35s");
  }

  @Test
  void noStepGaugesIsNoProgress() {
    assertThat(TrainerProgress.parse("jvm_threads 12\n")).isEmpty();
    assertThat(TrainerProgress.parse("alignment_trainer_step 3\nalignment_trainer_total_steps 0\n")).isEmpty();
  }

  @Test
  void etaReadsLikeKubectlAges() {
    assertThat(new TrainerProgress(1, 2, 42.0).etaText()).isEqualTo("42s");
    assertThat(new TrainerProgress(1, 2, 3900.0).etaText()).isEqualTo("1h05m");
    assertThat(new TrainerProgress(1, 2, null).etaText()).isNull();
  }
}
