package dev.alignment.operator.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.alignment.api.v1alpha1.Algorithm;
import dev.alignment.api.v1alpha1.AlignmentRun;
import dev.alignment.api.v1alpha1.AlignmentRunSpec;
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
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class SweepPlannerTest {
  private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
  private static final int MAX_CELLS = 10_000;
  private static final SweepPlanner.Limits LIMITS = new SweepPlanner.Limits(50, 20);
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
    assertThat(Conditions.isTrue(done.conditions, Conditions.Type.Succeeded)).isTrue();
    assertThat(Conditions.isTrue(done.conditions, Conditions.Type.Progressing)).isFalse();
    assertThat(done.message).startsWith("4 runs: 4 succeeded").contains("best " + cells.get(0).name());

    observe(cells.get(3), RunPhase.Failed, null);
    var failed = plan(sweep).status();
    assertThat(failed.phase).isEqualTo(RunPhase.Failed);
    assertThat(failed.conditions).filteredOn(c -> Conditions.is(c, Conditions.Type.Failed))
        .singleElement().satisfies(c -> assertThat(c.getReason()).isEqualTo(Reasons.RUNS_FAILED));
  }

  @Test
  void aFieldThatIsNotInTheRunSpecFailsTheSweepNamingTheParameterAndKeepsItsEntries() {
    AlignmentSweep sweep = sweep(null);
    plan(sweep).creates().forEach(c -> observe(c, RunPhase.Running, null));
    sweep.setStatus(plan(sweep).status());
    sweep.getSpec().matrix.parameters.get(1).field = "training.betta";

    var status = SweepPlanner.invalid(sweep, invalid(sweep), NOW, 20);

    assertThat(status.phase).isEqualTo(RunPhase.Failed);
    assertThat(status.message).startsWith("spec.matrix.parameters[1]: training.betta = \"clean\"").contains("betta");
    assertThat(status.leaderboard).as("the children's entries are kept").hasSize(4);
    assertThat(status.conditions).filteredOn(c -> Conditions.is(c, Conditions.Type.Failed))
        .singleElement().satisfies(c -> assertThat(c.getReason()).isEqualTo(Reasons.INVALID_MATRIX));
  }

  @Test
  void aValueOfTheWrongTypeFailsTheSweepNamingTheParameter() {
    AlignmentSweep sweep = sweep(null);
    sweep.getSpec().matrix.parameters.get(0).values.set(1, text("XPO"));

    assertThat(invalid(sweep)).startsWith("spec.matrix.parameters[0]: algorithm = \"XPO\"");
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
    assertThat(invalid(sweep))
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
    assertThat(invalid(sweep)).isEqualTo(
        "spec.matrix.samples is 13 but the grid has only 12 cells: lower samples or add values");
  }

  @Test
  void aRunTheApiServerRefusedIsAFailedCellAndFreesItsSlot() {
    AlignmentSweep sweep = sweep(1);
    ChildRun first = plan(sweep).creates().get(0);

    SweepPlan plan = plan(sweep, Map.of(first.name(), "spec.training.beta: should be greater than 0"), null, LIMITS);

    assertThat(plan.creates()).extracting(c -> c.cell().index()).containsExactly(1);
    assertThat(plan.status().leaderboard).filteredOn(e -> e.cell == 0).singleElement().satisfies(e -> {
      assertThat(e.phase).isEqualTo(RunPhase.Failed);
      assertThat(e.notCreated).isEqualTo("spec.training.beta: should be greater than 0");
      assertThat(e.message).isEqualTo("not created: spec.training.beta: should be greater than 0");
    });
    assertThat(plan.status().counts.failed).isEqualTo(1);
  }

  @Test
  void aMatrixOverTheCapIsInvalidNamingItsCellsAndTheCap() {
    AlignmentSweep sweep = sweep(null);
    sweep.getSpec().matrix.parameters.add(parameter("training.seed", numbers(2_501)));

    assertThat(new SweepStates(MAX_CELLS).of(sweep).layout()).isNull();
    assertThat(invalid(sweep)).isEqualTo("spec.matrix makes 10004 cells (2 x 2 x 2501 values), over this operator's "
        + "cap of 10000 cells per sweep (setting sweepMaxCells): use fewer values, or strategy Random with fewer samples");

    sweep.getSpec().matrix.parameters.get(2).values.remove(0);
    assertThat(invalid(sweep)).as("exactly at the cap").isNull();
    assertThat(new SweepStates(MAX_CELLS).of(sweep).layout().size()).isEqualTo(10_000);
  }

  @Test
  void aGridTooLargeForALongIsCountedExactlyWithoutMakingItsCells() {
    AlignmentSweep sweep = sweep(null);
    sweep.getSpec().matrix.parameters.clear();
    for (int i = 0; i < 20; i++) {
      sweep.getSpec().matrix.parameters.add(parameter("training.seed" + i, numbers(64)));
    }

    assertThat(MatrixCells.count(sweep.getSpec().matrix)).isEqualTo(BigInteger.valueOf(64).pow(20));
    assertThat(invalid(sweep)).startsWith("spec.matrix makes " + BigInteger.valueOf(64).pow(20) + " cells (64 x 64 x ");

    sweep.getSpec().matrix.strategy = SweepMatrix.Strategy.Random;
    sweep.getSpec().matrix.samples = 20_000;
    assertThat(invalid(sweep)).startsWith("spec.matrix.samples is 20000, over this operator's cap of 10000");
  }

  @Test
  void aRepeatedValueIsInvalidNamingTheParameterAndTheValue() {
    AlignmentSweep sweep = sweep(null);
    sweep.getSpec().matrix.parameters.add(parameter("training.beta", number(0.1), number(0.2), number(0.1)));

    assertThat(invalid(sweep)).isEqualTo("spec.matrix.parameters[2] (training.beta) repeats the value 0.1: each value "
        + "makes its own cells, so list it once");
  }

  @Test
  void twoCellsThatMakeTheSameRunAreInvalidNamingBothCells() {
    AlignmentSweep sweep = sweep(null);
    sweep.getSpec().matrix.parameters.clear();
    sweep.getSpec().matrix.parameters.add(parameter("training.beta", number(0.1), number(0.2)));
    MatrixParameter override = new MatrixParameter();
    override.name = "strong";
    override.values.add(object("{\"training\": {\"beta\": 0.4}}"));
    sweep.getSpec().matrix.parameters.add(override);

    assertThat(invalid(sweep)).matches("spec\\.matrix: cells 0 \\{training\\.beta=0\\.1, strong=.*\\} and 1 "
        + "\\{training\\.beta=0\\.2, strong=.*\\} make the same run \\(study-[0-9a-f]{8}\\): change the values so "
        + "that every cell sets a different spec");

    sweep.getSpec().matrix.parameters.remove(1);
    sweep.getSpec().matrix.parameters.get(0).values.set(1, JsonNodeFactory.instance.numberNode(1));
    sweep.getSpec().matrix.parameters.get(0).values.set(0, number(1.0));
    assertThat(invalid(sweep)).as("1 and 1.0 are one beta").startsWith("spec.matrix: cells 0 {training.beta=1.0} and 1 "
        + "{training.beta=1}");
  }

  @Test
  void twoSpecsWhoseHashesShareTheirFirstFourBytesGetDistinctNames() {
    AlignmentSweep sweep = sweep(null);
    sweep.getSpec().template = new AlignmentRunSpec();
    sweep.getSpec().template.algorithm = Algorithm.DPO;
    sweep.getSpec().template.preferenceDataset = "prefs";
    sweep.getSpec().matrix.parameters.clear();
    sweep.getSpec().matrix.parameters.add(parameter("training.seed", number(33_358L), number(71_483L)));

    List<ChildRun> children = plan(sweep).creates();
    byte[] first = ChildSpecs.digest(children.get(0).spec());
    byte[] second = ChildSpecs.digest(children.get(1).spec());

    assertThat(Arrays.copyOf(first, 4)).as("found by a search over seeds").isEqualTo(Arrays.copyOf(second, 4));
    assertThat(children.get(0).name()).isEqualTo("study-" + HexFormat.of().formatHex(first, 0, 4));
    assertThat(children.get(1).name()).isEqualTo("study-" + HexFormat.of().formatHex(second, 4, 8));
  }

  @Test
  void childrenAreCreatedInBatchesAndStatusSaysHowFarCreationIs() {
    AlignmentSweep sweep = sweep(null);
    sweep.getSpec().matrix.parameters.add(parameter("training.seed", numbers(30)));
    SweepPlanner.Limits limits = new SweepPlanner.Limits(50, 20);

    SweepPlan first = plan(sweep, Map.of(), null, limits);
    assertThat(first.creates()).extracting(c -> c.cell().index()).containsExactlyElementsOf(range(0, 50));
    first.creates().forEach(c -> observe(c, null, null));
    SweepPlan second = plan(sweep, Map.of(), null, limits);

    assertThat(second.creates()).extracting(c -> c.cell().index()).containsExactlyElementsOf(range(50, 100));
    assertThat(second.status().counts.created).isEqualTo(50);
    assertThat(second.status().message).startsWith("creating runs: 50 of 120 created; 120 runs: 0 succeeded");
    assertThat(second.table()).filteredOn(e -> e.cell == 119).singleElement()
        .satisfies(e -> assertThat(e.message).isEqualTo("waiting to be created"));

    sweep.getSpec().maxParallel = 60;
    assertThat(plan(sweep, Map.of(), null, limits).creates()).as("maxParallel binds before the batch").hasSize(10);
  }

  @Test
  void aCreateRefusedForAReasonThatMayPassIsInStatus() {
    AlignmentSweep sweep = sweep(null);

    var status = plan(sweep, Map.of(), "run study-0a1b2c3d refused (403): exceeded quota: runs", LIMITS).status();

    assertThat(status.message).startsWith("cannot create runs: run study-0a1b2c3d refused (403): exceeded quota: runs; 4 runs");
    assertThat(status.conditions).filteredOn(c -> Conditions.is(c, Conditions.Type.Progressing)).singleElement()
        .satisfies(c -> assertThat(c.getReason()).isEqualTo(Reasons.CREATE_REFUSED));
  }

  @Test
  void statusHoldsTheTopEntriesAndCountsEveryFailureWhileTheTableHoldsEveryCell() {
    AlignmentSweep sweep = sweep(null);
    sweep.getSpec().matrix.parameters.add(parameter("training.seed", numbers(10)));
    List<ChildRun> cells = plan(sweep).creates();
    for (int i = 0; i < cells.size(); i++) {
      observe(cells.get(i), i % 4 == 0 ? RunPhase.Failed : RunPhase.Succeeded, results(i / 100.0));
    }

    SweepPlan plan = plan(sweep, Map.of(), null, new SweepPlanner.Limits(50, 5));

    assertThat(plan.status().leaderboard).extracting(e -> e.cell).containsExactly(39, 38, 37, 35, 34);
    assertThat(plan.table()).hasSize(40);
    assertThat(plan.table().subList(0, 5)).extracting(e -> e.run)
        .containsExactlyElementsOf(plan.status().leaderboard.stream().map(e -> e.run).toList());
    assertThat(plan.status().counts.failed).isEqualTo(10);
    assertThat(plan.status().best).isEqualTo(cells.get(39).name());
    assertThat(plan.status().table.configMap).isEqualTo("study-leaderboard");
    assertThat(plan.status().table.rows).isEqualTo(40);
  }

  @Test
  void messagesAndValuesInTheLeaderboardAreCut() {
    AlignmentSweep sweep = sweep(null);
    sweep.getSpec().matrix.parameters.get(1).values.set(1, text("n".repeat(600)));
    List<ChildRun> cells = plan(sweep).creates();
    observe(cells.get(0), RunPhase.Failed, null);
    children.get(cells.get(0).name()).getStatus().message = "x".repeat(5_000);

    SweepPlan plan = plan(sweep, Map.of(cells.get(2).name(), "y".repeat(5_000)), null, LIMITS);

    assertThat(plan.table()).filteredOn(e -> e.cell == 0).singleElement()
        .satisfies(e -> assertThat(e.message).hasSize(256).endsWith("x…"));
    assertThat(plan.table()).filteredOn(e -> e.cell == 2).singleElement()
        .satisfies(e -> assertThat(e.message).hasSize(256).startsWith("not created: yyy"));
    assertThat(plan.table()).filteredOn(e -> e.cell == 1).singleElement()
        .satisfies(e -> assertThat(e.parameters.get("preferenceDataset")).hasSize(128));
    assertThat(cells.get(1).spec().preferenceDataset).as("the child gets the whole value").hasSize(600);
  }

  @Test
  void aTableOverAConfigMapIsSplitIntoPartsThatJoinIntoOneGzipStream() {
    AlignmentSweep sweep = sweep(null);
    sweep.getSpec().matrix.parameters.add(parameter("training.seed", numbers(2_500)));
    sweep.getSpec().maxParallel = 1;
    SweepLayout layout = SweepLayout.of(sweep, MAX_CELLS);
    Random random = new Random(1);
    for (int i = 0; i < layout.size(); i++) {
      ChildRun child = layout.child(i);
      observe(child, RunPhase.Failed, results(random.nextDouble()));
      children.get(child.name()).getStatus().results.goldReward = random.nextGaussian();
      children.get(child.name()).getStatus().message = random.ints(300, 'a', 'z' + 1)
          .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    SweepPlan plan = plan(sweep);
    byte[] gzipped = LeaderboardConfigMap.gzippedLines(plan.table());
    List<ConfigMap> parts = LeaderboardConfigMap.parts(sweep, gzipped);

    assertThat(parts).extracting(p -> p.getMetadata().getName())
        .containsExactly("study-leaderboard", "study-leaderboard-1", "study-leaderboard-2");
    assertThat(parts).allSatisfy(p -> assertThat(Base64.getDecoder().decode(p.getBinaryData().get(LeaderboardConfigMap.KEY)))
        .as("a ConfigMap's data is at most 1 MiB").hasSizeLessThanOrEqualTo(1_000_000));
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    parts.forEach(p -> joined.writeBytes(Base64.getDecoder().decode(p.getBinaryData().get(LeaderboardConfigMap.KEY))));
    assertThat(gunzip(joined.toByteArray())).hasSize(10_000)
        .allSatisfy(line -> assertThat(line).startsWith("{\"run\":\"study-").contains("\"message\":"));
    assertThat(Serialization.asJson(plan.status()).length()).as("status of 20 entries").isLessThan(16 * 1024);
  }

  private SweepPlan plan(AlignmentSweep sweep) {
    return plan(sweep, Map.of(), null, LIMITS);
  }

  private SweepPlan plan(AlignmentSweep sweep, Map<String, String> rejected, String refusal, SweepPlanner.Limits limits) {
    return SweepPlanner.plan(new SweepPlanner.Input(sweep, SweepLayout.of(sweep, MAX_CELLS), new HashMap<>(children),
        rejected, refusal, NOW, limits));
  }

  /** The message of a sweep the operator cannot run, or null when it can. */
  private static String invalid(AlignmentSweep sweep) {
    return new SweepStates(MAX_CELLS).of(sweep).invalid();
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

  private static JsonNode number(long value) {
    return JsonNodeFactory.instance.numberNode(value);
  }

  private static JsonNode number(double value) {
    return JsonNodeFactory.instance.numberNode(value);
  }

  private static JsonNode[] numbers(int count) {
    return IntStream.range(0, count).mapToObj(JsonNodeFactory.instance::numberNode).toArray(JsonNode[]::new);
  }

  static List<String> gunzip(byte[] gzipped) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Integer> range(int from, int to) {
    return IntStream.range(from, to).boxed().toList();
  }
}
