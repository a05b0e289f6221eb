package dev.alignment.trainer.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.alignment.trainer.TrainerRun;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dpo stage's first step, where policy equals reference (h = 0), for each loss variant named in the config. */
class DpoStageTest {
  @TempDir Path work;
  private String dataset;

  @BeforeEach
  void validatedDataset() throws Exception {
    TrainerRun validate = TrainerRun.stage(work, "validate-dataset", Map.of(
        "source", "builtin://sentiment/preferences?count=200", "validationFraction", 0.1));
    assertThat(validate.exitCode()).as(validate.toString()).isZero();
    dataset = validate.output();
  }

  private TrainerRun firstStep(String loss, double labelSmoothing) throws Exception {
    Map<String, Object> tiny = Map.of("uri", "builtin://tiny", "tokenizer", "builtin://words");
    TrainerRun run = TrainerRun.stage(work.resolve(loss), "dpo", Map.of(
        "policy", tiny, "reference", tiny, "dataset", dataset, "loss", loss, "beta", 0.1, "labelSmoothing", labelSmoothing,
        "training", Map.of("steps", 1, "batchSize", 16, "learningRate", 5e-4, "seed", 3)));
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.output()).endsWith("/dpo/model");
    return run;
  }

  @Test
  void dpoStartsAtLn2WithNoPairRankedRight() throws Exception {
    TrainerRun run = firstStep("DPO", 0);
    assertThat(run.metric("loss")).isCloseTo(Math.log(2), within(1e-6));
    assertThat(run.metric("rewards/accuracies")).isZero();
    assertThat(run.metric("rewards/margins")).isZero();
    assertThat(run.metric("logps/chosen")).isNegative();
  }

  @Test
  void ipoStartsAtTheSquaredTargetMargin() throws Exception {
    // h = 0: (0 - 1 / (2 * 0.1))^2 = 25
    assertThat(firstStep("IPO", 0).metric("loss")).isCloseTo(25, within(1e-4));
  }

  @Test
  void cdpoStartsAtLn2WhateverTheSmoothing() throws Exception {
    assertThat(firstStep("CDPO", 0.3).metric("loss")).isCloseTo(Math.log(2), within(1e-6));
  }

  @Test
  void anUnknownLossIsBadInput() throws Exception {
    TrainerRun run = TrainerRun.stage(work, "dpo", Map.of(
        "policy", Map.of("uri", "builtin://tiny"), "reference", Map.of("uri", "builtin://tiny"), "dataset", dataset,
        "loss", "KTO", "beta", 0.1, "training", Map.of("steps", 1, "batchSize", 2, "learningRate", 1e-3)));
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.message()).endsWith("dpo-config.json: loss: expected one of [DPO, IPO, CDPO], got \"KTO\"");
  }
}
