package dev.alignment.operator.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.alignment.api.v1alpha1.AlignmentRun;
import dev.alignment.api.v1alpha1.AlignmentRunStatus;
import dev.alignment.api.v1alpha1.AlignmentSweep;
import dev.alignment.api.v1alpha1.AlignmentSweepSpec;
import dev.alignment.api.v1alpha1.LeaderboardEntry;
import dev.alignment.api.v1alpha1.LeaderboardSpec;
import dev.alignment.api.v1alpha1.MatrixParameter;
import dev.alignment.api.v1alpha1.Results;
import dev.alignment.api.v1alpha1.RunPhase;
import dev.alignment.api.v1alpha1.SweepMatrix;
import dev.alignment.operator.Fixtures;
import dev.alignment.operator.status.Conditions;
import dev.alignment.operator.status.Reasons;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SweepPlannerTest {
  private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
  private final Map<String, AlignmentRun> children = new LinkedHashMap<>();

  @Test
  void aGridMakesEveryCombinationTheLastParameterFastestAndStartsAtMostMaxParallel() {
    AlignmentSweep sweep = sweep(2);

    SweepPlan plan = plan(sweep);

    assertThat(plan.creates()).extracting(c -> c.cell().parameters()).containsExactly(
        Map.of("algorithm", "DPO", "preferenceDataset", "clean"),
        Map.of("algorithm", "DPO", "preferenceDataset", "noisy"));
    assertThat(plan.creates()).allSatisfy(c -> assertThat(c.name()).matches("study-[0-9a-f]{8}"));
    assertThat(plan.creates().get(1).spec().preferenceDataset).isEqualTo("noisy");
    assertThat(plan.status().leaderboard).hasSize(4);
    assertThat(plan.status().counts.total).isEqualTo(4);
    assertThat(plan.status().counts.pending).isEqualTo(4);
    assertThat(plan.status().phase).isEqualTo(RunPhase.Running);
    assertThat(plan.status().leaderboard.get(3).message).isEqualTo("waiting for a free slot (maxParallel)");
    assertThat(plan.status().best).as("no run has a result yet").isNull();
  }

  @Test
  void aFinishedChildFreesItsSlotForTheNextCell() {
    AlignmentSweep sweep = sweep(2);
    List<ChildRun> first = plan(sweep).creates();
    first.forEach(c -> observe(c, RunPhase.Running, null));
    assertThat(plan(sweep).creates()).isEmpty();

    observe(first.get(0), RunPhase.Succeeded, results(0.8));
    SweepPlan next = plan(sweep);

    assertThat(next.creates()).extracting(c -> c.cell().index()).containsExactly(2);
    assertThat(next.status().counts.succeeded).isEqualTo(1);
    assertThat(next.status().counts.running).isEqualTo(1);
  }

  @Test
  void theSameManifestGivesTheSameNamesAndAnEditedValueReplacesOnlyItsCells() {
    List<String> before = names(plan(sweep(null)).creates());
    assertThat(names(plan(sweep(null)).creates())).isEqualTo(before);
    plan(sweep(null)).creates().forEach(c -> observe(c, RunPhase.Running, null));

    AlignmentSweep edited = sweep(null);
    edited.getSpec().matrix.parameters.get(1).values.set(1, text("very-noisy"));
    SweepPlan plan = plan(edited);

    assertThat(plan.deletes()).containsExactlyInAnyOrder(before.get(1), before.get(3));
    assertThat(plan.creates()).extracting(c -> c.cell().parameters().get("preferenceDataset")).containsOnly("very-noisy");
    assertThat(plan.creates()).hasSize(2);
  }

  @Test
  void aTemplateChangeGivesEveryCellANewRun() {
    List<String> before = names(plan(sweep(null)).creates());
    AlignmentSweep edited = sweep(null);
    edited.getSpec().template.maxRetries = 5;

    assertThat(names(plan(edited).creates())).doesNotContainAnyElementsOf(before);
  }

  @Test
  void theLeaderboardRanksSucceededRunsByTheChosenResultThenListsTheRestInCellOrder() {
    AlignmentSweep sweep = sweep(null);
    List<ChildRun> cells = plan(sweep).creates();
    observe(cells.get(0), RunPhase.Succeeded, results(0.6));
    observe(cells.get(1), RunPhase.Running, null);
    observe(cells.get(2), RunPhase.Succeeded, results(0.9));
    observe(cells.get(3), RunPhase.Succeeded, results(0.6));

    List<LeaderboardEntry> board = plan(sweep).status().leaderboard;

    assertThat(board).extracting(e -> e.cell).containsExactly(2, 0, 3, 1);
    assertThat(board).extracting(e -> e.rank).containsExactly(1, 2, 3, null);
    assertThat(board.get(0).value).isEqualTo(0.9);
    assertThat(board.get(0).results.kl).isEqualTo(9.0);
    assertThat(plan(sweep).status().best).isEqualTo(cells.get(2).name());
    assertThat(plan(sweep).status().bestValue).isEqualTo(0.9);

    sweep.getSpec().leaderboard = new LeaderboardSpec();
    sweep.getSpec().leaderboard.metric = LeaderboardSpec.ResultName.kl;
    sweep.getSpec().leaderboard.order = LeaderboardSpec.Order.Ascending;
    var byKl = plan(sweep).status();
    assertThat(byKl.metric).isEqualTo("kl");
    assertThat(byKl.leaderboard).extracting(e -> e.value).containsExactly(6.0, 6.0, 9.0, null);
  }

  @Test
  void theSweepSucceedsWhenEveryRunSucceededAndFailsWhenAllFinishedButSomeFailed() {
    AlignmentSweep sweep = sweep(null);
    List<ChildRun> cells = plan(sweep).creates();
    cells.forEach(c -> observe(c, RunPhase.Succeeded, results(0.7)));
    var done = plan(sweep).status();
    assertThat(done.phase).isEqualTo(RunPhase.Succeeded);
    assertThat(Conditions.isTrue(done.conditions, Reasons.SUCCEEDED)).isTrue();
    assertThat(Conditions.isTrue(done.conditions, Reasons.PROGRESSING)).isFalse();
    assertThat(done.message).startsWith("4 runs: 4 succeeded").contains("best " + cells.get(0).name());

    observe(cells.get(3), RunPhase.Failed, null);
    var failed = plan(sweep).status();
    assertThat(failed.phase).isEqualTo(RunPhase.Failed);
    assertThat(failed.conditions).filteredOn(c -> c.getType().equals(Reasons.FAILED))
        .singleElement().satisfies(c -> assertThat(c.getReason()).isEqualTo(Reasons.RUNS_FAILED));
  }

  @Test
  void aFieldThatIsNotInTheRunSpecFailsTheSweepNamingTheParameterAndKeepsTheChildren() {
    AlignmentSweep sweep = sweep(null);
    plan(sweep).creates().forEach(c -> observe(c, RunPhase.Running, null));
    sweep.getSpec().matrix.parameters.get(1).field = "training.betta";

    SweepPlan plan = plan(sweep);

    assertThat(plan.creates()).isEmpty();
    assertThat(plan.deletes()).isEmpty();
    assertThat(plan.status().phase).isEqualTo(RunPhase.Failed);
    assertThat(plan.status().message).startsWith("spec.matrix.parameters[1]: training.betta = \"clean\"")
        .contains("betta");
  }

  @Test
  void aValueOfTheWrongTypeFailsTheSweepNamingTheParameter() {
    AlignmentSweep sweep = sweep(null);
    sweep.getSpec().matrix.parameters.get(0).values.set(1, text("XPO"));

    assertThat(plan(sweep).status().message).startsWith("spec.matrix.parameters[0]: algorithm = \"XPO\"");
  }

  @Test
  void aParameterWithoutAFieldMergesEachObjectValueSoFieldsCanVaryTogether() {
    AlignmentSweep sweep = sweep(null);
    MatrixParameter data = new MatrixParameter();
    data.name = "data";
    data.values.add(object("{\"preferenceDataset\": \"clean\", \"rewardModel\": \"rm-clean\"}"));
    data.values.add(object("{\"preferenceDataset\": \"noisy\", \"rewardModel\": \"rm-noisy\", \"training\": {\"beta\": 0.3}}"));
    sweep.getSpec().matrix.parameters.set(1, data);
    sweep.getSpec().template.training = new dev.alignment.api.v1alpha1.TrainingSpec();
    sweep.getSpec().template.training.steps = 50;

    List<ChildRun> cells = plan(sweep).creates();

    assertThat(cells).hasSize(4);
    assertThat(cells.get(1).cell().parameters()).containsEntry("data",
        "{\"preferenceDataset\":\"noisy\",\"rewardModel\":\"rm-noisy\",\"training\":{\"beta\":0.3}}");
    assertThat(cells.get(1).spec().rewardModel).isEqualTo("rm-noisy");
    assertThat(cells.get(1).spec().training.beta).isEqualTo(0.3);
    assertThat(cells.get(1).spec().training.steps).as("merged, not replaced").isEqualTo(50);
    assertThat(cells.get(0).spec().preferenceDataset).isEqualTo("clean");

    data.values.set(0, text("clean"));
    assertThat(plan(sweep).status().message)
        .isEqualTo("spec.matrix.parameters[1] (data) has no field, so each value must be an object of spec fields, not \"clean\"");
  }

  @Test
  void aRandomSampleIsDistinctCellsFixedByTheSeed() {
    AlignmentSweep sweep = sweep(null);
    sweep.getSpec().matrix.parameters.add(parameter("training.beta", number(0.05), number(0.1), number(0.5)));
    sweep.getSpec().matrix.strategy = SweepMatrix.Strategy.Random;
    sweep.getSpec().matrix.samples = 5;
    sweep.getSpec().matrix.seed = 7L;

    List<Map<String, String>> drawn = plan(sweep).creates().stream().map(c -> c.cell().parameters()).toList();

    assertThat(drawn).hasSize(5).doesNotHaveDuplicates();
    assertThat(plan(sweep).creates().stream().map(c -> c.cell().parameters()).toList()).isEqualTo(drawn);
    sweep.getSpec().matrix.seed = 8L;
    assertThat(plan(sweep).creates().stream().map(c -> c.cell().parameters()).toList()).isNotEqualTo(drawn);

    sweep.getSpec().matrix.samples = 13;
    assertThat(plan(sweep).status().message).isEqualTo(
        "spec.matrix.samples is 13 but the grid has only 12 cells: lower samples or add values");
  }

  @Test
  void aRunTheApiServerRefusedIsAFailedCellAndFreesItsSlot() {
    AlignmentSweep sweep = sweep(1);
    ChildRun first = plan(sweep).creates().get(0);

    SweepPlan plan = SweepPlanner.plan(new SweepPlanner.Input(sweep, children,
        Map.of(first.name(), "spec.training.beta: should be greater than 0"), NOW));

    assertThat(plan.creates()).extracting(c -> c.cell().index()).containsExactly(1);
    assertThat(plan.status().leaderboard).filteredOn(e -> e.cell == 0).singleElement().satisfies(e -> {
      assertThat(e.phase).isEqualTo(RunPhase.Failed);
      assertThat(e.message).isEqualTo(SweepPlanner.NOT_CREATED + "spec.training.beta: should be greater than 0");
    });
    assertThat(plan.status().counts.failed).isEqualTo(1);
  }

  private SweepPlan plan(AlignmentSweep sweep) {
    return SweepPlanner.plan(new SweepPlanner.Input(sweep, new HashMap<>(children), Map.of(), NOW));
  }

  private void observe(ChildRun child, RunPhase phase, Results results) {
    AlignmentRun run = new AlignmentRun();
    run.setMetadata(new ObjectMetaBuilder().withName(child.name()).withNamespace("team-a").build());
    run.setSpec(child.spec());
    run.setStatus(new AlignmentRunStatus());
    run.getStatus().phase = phase;
    run.getStatus().results = results;
    children.put(child.name(), run);
  }

  private static Results results(double winRate) {
    Results r = new Results();
    r.winRate = winRate;
    r.kl = winRate * 10;
    return r;
  }

  private static List<String> names(List<ChildRun> runs) {
    return runs.stream().map(ChildRun::name).toList();
  }

  static AlignmentSweep sweep(Integer maxParallel) {
    AlignmentSweep sweep = new AlignmentSweep();
    sweep.setMetadata(new ObjectMetaBuilder().withName("study").withNamespace("team-a").withUid("uid-study")
        .withGeneration(1L).build());
    AlignmentSweepSpec spec = new AlignmentSweepSpec();
    spec.template = Fixtures.dpoRun("template").getSpec();
    spec.template.rewardModel = "rm";
    spec.matrix = new SweepMatrix();
    spec.matrix.parameters.add(parameter("algorithm", text("DPO"), text("PPO")));
    spec.matrix.parameters.add(parameter("preferenceDataset", text("clean"), text("noisy")));
    spec.maxParallel = maxParallel;
    sweep.setSpec(spec);
    return sweep;
  }

  private static MatrixParameter parameter(String field, JsonNode... values) {
    MatrixParameter p = new MatrixParameter();
    p.field = field;
    p.values.addAll(List.of(values));
    return p;
  }

  private static JsonNode text(String value) {
    return JsonNodeFactory.instance.textNode(value);
  }

  private static JsonNode object(String json) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static JsonNode number(double value) {
    return JsonNodeFactory.instance.numberNode(value);
  }
}
