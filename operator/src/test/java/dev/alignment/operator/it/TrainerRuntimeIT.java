package dev.alignment.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.alignment.api.v1alpha1.AlignmentRun;
import dev.alignment.api.v1alpha1.RewardModel;
import dev.alignment.api.v1alpha1.RewardModelPhase;
import dev.alignment.api.v1alpha1.RunPhase;
import dev.alignment.operator.AlignmentOperator;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Trainer runtimes against a real kube-apiserver: a run naming a runtime that does not exist waits, Pending, with
 * the reason RuntimeNotFound, and starts once the runtime is applied; a runtime that cannot run what a spec asks for
 * fails it at once, naming the field and the runtime, before any Job; bad runtimes and misplaced nodes are refused at
 * admission.
 */
class TrainerRuntimeIT extends ControlPlaneTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private static AlignmentOperator operator;
  private static String ns;

  @BeforeAll
  static void start() throws IOException {
    ns = plane.newNamespace("runtimes");
    client.resource(Manifests.importedRewardModel("rm", "file:///workspace/" + ns + "/rm")).inNamespace(ns).create();
    client.resource(runtime("trl-it", "Torchrun", "[validate-dataset, sft, reward, dpo]", "[DPO, IPO]")).create();
    client.resource(runtime("single-it", "Single", "[ppo-actor, eval]", "[PPO]")).create();
    operator = plane.startOperator();
  }

  @AfterAll
  static void stop() {
    operator.close();
  }

  @Test
  void aRunNamingAnUnknownRuntimeWaitsPendingAndStartsOnceItIsApplied() {
    create(Manifests.of("AlignmentRun", "late", """
        algorithm: PPO
        rewardModel: rm
        runtime: late-it
        ppo: {topology: Colocated}
        """));

    AlignmentRun waiting = await().atMost(TIMEOUT).until(() -> run("late"),
        r -> r.getStatus() != null && r.getStatus().phase == RunPhase.Pending);
    assertThat(condition(waiting.getStatus().conditions, "Progressing")).satisfies(c -> {
      assertThat(c.getStatus()).isEqualTo("False");
      assertThat(c.getReason()).isEqualTo("RuntimeNotFound");
      assertThat(c.getMessage()).isEqualTo("waiting for TrainerRuntime late-it (spec.runtime) to be applied (not found)");
    });
    assertThat(jobsOf("late")).isEmpty();

    client.resource(runtime("late-it", "Single", "[ppo-actor, eval]", "[PPO]")).create();

    Job first = await().atMost(TIMEOUT).until(
        () -> client.batch().v1().jobs().inNamespace(ns).withName("late-ppo-1").get(), j -> j != null);
    assertThat(first.getMetadata().getLabels()).containsEntry("alignment.dev/owner", "late");
  }

  @Test
  void aRewardModelNamingAnUnknownRuntimeIsNotReadyWithTheReason() {
    create(Manifests.of("RewardModel", "rm-late", """
        preferenceDataset: prefs
        runtime: missing-it
        """));

    RewardModel waiting = await().atMost(TIMEOUT).until(
        () -> client.resources(RewardModel.class).inNamespace(ns).withName("rm-late").get(),
        r -> r.getStatus() != null && r.getStatus().phase == RewardModelPhase.Pending);
    assertThat(condition(waiting.getStatus().conditions, "Ready")).satisfies(c -> {
      assertThat(c.getStatus()).isEqualTo("False");
      assertThat(c.getReason()).isEqualTo("RuntimeNotFound");
      assertThat(c.getMessage()).contains("TrainerRuntime missing-it");
    });
    assertThat(jobsOf("rm-late")).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      algorithm | algorithm: CDPO\\npreferenceDataset: prefs\\ntraining: {labelSmoothing: 0.1}\\nruntime: trl-it                  | spec.algorithm: runtime trl-it does not support algorithm CDPO (supports DPO, IPO)
      nodes     | algorithm: PPO\\nrewardModel: rm\\nruntime: single-it\\nppo: {topology: Colocated}\\nresources: {trainer: {nodes: 2}} | spec.resources.trainer.nodes: 2 pods need a distributed launcher, and runtime single-it has launcher Single (one process on one pod): pick a runtime whose launcher is Torchrun, or set nodes to 1
      ppo-split | algorithm: PPO\\nrewardModel: rm\\nruntime: single-it                                                               | spec.runtime: runtime single-it does not support command ppo-critic (supports ppo-actor, eval)
      """)
  void aRuntimeThatCannotRunTheSpecFailsItAtOnceNamingFieldAndRuntimeWithoutAJob(String name, String spec, String refusal) {
    create(Manifests.of("AlignmentRun", name, spec.replace("\\n", "\n")));

    AlignmentRun failed = await().atMost(TIMEOUT).until(() -> run(name),
        r -> r.getStatus() != null && r.getStatus().phase == RunPhase.Failed);

    assertThat(failed.getStatus().message).isEqualTo("invalid spec: " + refusal);
    assertThat(jobsOf(name)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      unknown command  | TrainerRuntime | image: t:1\\ncommands: [train]                                    | each entry of spec.commands must be a trainer command
      no image         | TrainerRuntime | commands: [sft]                                                   | spec.image: Required value
      bad launcher     | TrainerRuntime | image: t:1\\ncommands: [sft]\\nlauncher: Mpi                      | spec.launcher: Unsupported value: "Mpi"
      critic nodes     | AlignmentRun   | algorithm: PPO\\nrewardModel: rm\\nresources: {critic: {nodes: 2}} | resources.critic.nodes is not supported
      dataset nodes    | PreferenceDataset | source: {uri: "builtin://sentiment/pairs"}\\nresources: {nodes: 2} | resources.nodes is not supported
      bad runtime name | AlignmentRun   | algorithm: PPO\\nrewardModel: rm\\nruntime: Not_A_Name            | spec.runtime in body should match
      """)
  void badRuntimesAndMisplacedNodesAreRefusedAtAdmission(String name, String kind, String spec, String message) {
    String manifest = Manifests.of(kind, name.replace(' ', '-'), spec.replace("\\n", "\n"));

    assertThatThrownBy(() -> (kind.equals("TrainerRuntime") ? client.resource(manifest) : client.resource(manifest).inNamespace(ns)).create())
        .isInstanceOf(KubernetesClientException.class).hasMessageContaining(message);
  }

  @Test
  void theChartsRuntimesAreAdmitted() throws Exception {
    String rendered = ChartTemplate.render("alignment-system", "--show-only", "templates/runtimes.yaml",
        "--set", "runtimes.trl.install=true", "--set", "runtimes.trl.resources.cpu=4",
        "--set", "runtimes.trl.env[0].name=NCCL_DEBUG", "--set", "runtimes.trl.env[0].value=WARN");
    List<HasMetadata> runtimes = client.load(new ByteArrayInputStream(rendered.getBytes(StandardCharsets.UTF_8))).items();

    assertThat(runtimes).extracting(r -> r.getMetadata().getName()).containsExactly("djl", "trl");
    // A dry run: the API server validates them against the CRD, and the other tests keep their fallback.
    assertThat(runtimes).allSatisfy(r -> assertThat(client.resource(r).dryRun().create()).isNotNull());
  }

  private static String runtime(String name, String launcher, String commands, String algorithms) {
    return """
        apiVersion: alignment.dev/v1alpha1
        kind: TrainerRuntime
        metadata: {name: %s}
        spec:
          image: trainer:%s
          launcher: %s
          commands: %s
          algorithms: %s
        """.formatted(name, name, launcher, commands, algorithms);
  }

  private static AlignmentRun run(String name) {
    return client.resources(AlignmentRun.class).inNamespace(ns).withName(name).get();
  }

  private static List<Job> jobsOf(String owner) {
    return client.batch().v1().jobs().inNamespace(ns).withLabel("alignment.dev/owner", owner).list().getItems();
  }

  private static Condition condition(List<Condition> conditions, String type) {
    return conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElseThrow();
  }

  private static void create(String manifest) {
    client.resource(manifest).inNamespace(ns).create();
  }
}
