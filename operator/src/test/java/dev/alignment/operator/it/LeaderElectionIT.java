package dev.alignment.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.alignment.operator.AlignmentOperator;
import dev.alignment.operator.config.OperatorConfig;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** With leaderElection on, a replica takes the Lease before it reconciles. */
class LeaderElectionIT {
  @Test
  void operatorAcquiresItsLease() throws Exception {
    ControlPlane plane = ControlPlane.get();
    String ns = plane.newNamespace("leader");
    OperatorConfig config = new OperatorConfig("trainer:test", "IfNotPresent", "workspace", List.of(ns), 0, "500m",
        "1Gi", "", 1, 2, 1, true, "alignment-operator-lock", ns, 10_000, 50, 20);

    try (AlignmentOperator operator = AlignmentOperator.start(plane.client, config)) {
      Lease lease = await().atMost(Duration.ofSeconds(30)).until(
          () -> plane.client.leases().inNamespace(ns).withName("alignment-operator-lock").get(),
          l -> l != null && l.getSpec().getHolderIdentity() != null);

      assertThat(lease.getSpec().getHolderIdentity()).isNotBlank();
      assertThat(lease.getSpec().getLeaseDurationSeconds()).isPositive();
    }
  }
}
