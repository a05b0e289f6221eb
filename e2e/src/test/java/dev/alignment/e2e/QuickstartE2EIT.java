package dev.alignment.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alignment.api.v1alpha1.AlignmentRun;
import dev.alignment.api.v1alpha1.RewardModel;
import dev.alignment.api.v1alpha1.Results;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The quickstart as a user runs it, then an IPO run that starts from the quickstart's SFT model. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QuickstartE2EIT {
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);
  private static LocalCluster cluster;
  private static String ns;

  @BeforeAll
  static void cluster() {
    cluster = LocalCluster.get();
    ns = cluster.newNamespace("quickstart");
  }

  @Test
  @Order(1)
  void quickstartReachesSucceededWithItsResultsInStatus() {
    cluster.kubectl(null, "apply", "-n", ns, "-f", "examples/quickstart/");

    cluster.kubectl(null, "wait", "-n", ns, "--for=condition=Succeeded", "arun/quickstart",
        "--timeout=" + RUN_TIMEOUT.toSeconds() + "s");

    AlignmentRun run = cluster.client.resources(AlignmentRun.class).inNamespace(ns).withName("quickstart").get();
    Results results = run.getStatus().results;
    assertThat(results.winRate).as("DPO beats its SFT reference (gold judge)").isGreaterThanOrEqualTo(0.65);
    assertThat(results.goldReward).isGreaterThan(results.referenceGoldReward);
    assertThat(results.kl).isPositive();
    assertThat(results.rankingAccuracy).isBetween(0.0, 1.0);
    assertThat(results.idealizedRankingAccuracy).isBetween(0.0, 1.0);
    assertThat(results.alignmentGap).isCloseTo(results.idealizedRankingAccuracy - results.rankingAccuracy, Offset.offset(1e-9));
    assertThat(run.getStatus().model).isEqualTo("file:///workspace/" + ns + "/quickstart/dpo/model");
    assertThat(run.getStatus().stages).extracting(s -> s.name).containsExactly("sft", "dpo", "eval");
    assertThat(cluster.workspace().resolve(ns + "/quickstart/dpo/model")).isDirectory();
    RewardModel rm = cluster.client.resources(RewardModel.class).inNamespace(ns).withName("sentiment-rm").get();
    assertThat(rm.getStatus().accuracy).as("reward model held-out accuracy").isGreaterThanOrEqualTo(0.85);
    assertThat(cluster.client.pods().inNamespace(ns).list().getItems()).extracting(p -> p.getStatus().getPhase())
        .containsOnly("Succeeded");
    assertThat(cluster.kubectl(null, "get", "aruns", "-n", ns)).contains("quickstart").contains("Succeeded");
  }

  @Test
  @Order(2)
  void ipoRunStartsFromTheQuickstartSftModelAndSucceeds() {
    cluster.kubectl(null, "apply", "-n", ns, "-f", "examples/ipo/ipo-run.yaml");

    cluster.kubectl(null, "wait", "-n", ns, "--for=condition=Succeeded", "arun/quickstart-ipo",
        "--timeout=" + RUN_TIMEOUT.toSeconds() + "s");

    AlignmentRun run = cluster.client.resources(AlignmentRun.class).inNamespace(ns).withName("quickstart-ipo").get();
    assertThat(run.getStatus().stages).extracting(s -> s.name).containsExactly("dpo", "eval");
    assertThat(run.getStatus().results.winRate).isGreaterThan(0.5);
    String config = cluster.client.configMaps().inNamespace(ns).withName("quickstart-ipo-dpo-config").get()
        .getData().get("config.json");
    assertThat(config).contains("\"loss\" : \"IPO\"").contains("/workspace/" + ns + "/quickstart/sft/model");
    Pod dpo = cluster.client.pods().inNamespace(ns).withLabel("batch.kubernetes.io/job-name", "quickstart-ipo-dpo-1")
        .list().getItems().get(0);
    assertThat(dpo.getStatus().getContainerStatuses().get(0).getState().getTerminated().getExitCode()).isZero();
  }
}
