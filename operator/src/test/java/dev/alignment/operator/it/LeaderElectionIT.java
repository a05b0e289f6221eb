package dev.alignment.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.alignment.operator.AlignmentOperator;
import dev.alignment.operator.config.OperatorConfig;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * With leaderElection on, replicas (here two operators in one JVM) elect one leader through a Lease, each under its
 * own identity; a leader that is closed gives up the Lease, and the other takes over at its next retry.
 */
class LeaderElectionIT {
  private static final String LEASE = "alignment-operator-lock";
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  /**
   * A Lease that is not released can be taken 15 s (the lease duration) after its last renewal, which was at most
   * 2 s (the retry period) before the close; a released one at the other replica's next retry, within 4.4 s.
   */
  private static final Duration TAKEOVER = Duration.ofSeconds(10);
  /** hostname_uuid, as client-go's examples build identities. */
  private static final String IDENTITY = ".+_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  private final ControlPlane plane = ControlPlane.get();
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<AlignmentOperator> running = new ArrayList<>();

  @Test
  void operatorAcquiresItsLeaseAndReleasesItOnClose() throws Exception {
    String ns = plane.newNamespace("leader");
    AlignmentOperator operator = start(ns);
    Lease lease = await().atMost(TIMEOUT).until(() -> lease(ns), l -> l != null && isHeld(l));
    assertThat(lease.getSpec().getHolderIdentity()).matches(IDENTITY);
    assertThat(lease.getSpec().getLeaseDurationSeconds()).isEqualTo(15);
    int transitions = lease.getSpec().getLeaseTransitions();

    stop(operator);

    Lease released = lease(ns);
    assertThat(released.getSpec().getHolderIdentity()).isEmpty();
    assertThat(released.getSpec().getLeaseDurationSeconds()).isEqualTo(1);
    assertThat(released.getSpec().getLeaseTransitions()).isEqualTo(transitions);
  }

  @Test
  void oneReplicaLeadsAndAClosedLeaderHandsOverAtOnce() throws Exception {
    String ns = plane.newNamespace("leader");
    AlignmentOperator first = start(ns);
    String firstIdentity = await().atMost(TIMEOUT).until(() -> lease(ns), l -> l != null && isHeld(l))
        .getSpec().getHolderIdentity();
    AlignmentOperator second = start(ns);
    plane.client.load(new ByteArrayInputStream(
        Manifests.dataset("prefs", "builtin://sentiment/preferences").getBytes(StandardCharsets.UTF_8)))
        .inNamespace(ns).create();

    await().atMost(TIMEOUT).until(() -> reconciliations(first) > 0);
    assertThat(reconciliations(second)).as("reconciliations by the replica that does not lead").isZero();

    stop(first);
    Lease taken = await().atMost(TAKEOVER).until(() -> lease(ns),
        l -> isHeld(l) && !l.getSpec().getHolderIdentity().equals(firstIdentity));
    assertThat(taken.getSpec().getHolderIdentity()).matches(IDENTITY);
    await().atMost(TIMEOUT).until(() -> reconciliations(second) > 0);
  }

  @AfterEach
  void stopAll() {
    List.copyOf(running).forEach(this::stop);
  }

  private AlignmentOperator start(String ns) throws IOException {
    AlignmentOperator operator = AlignmentOperator.start(plane.client, config(ns));
    running.add(operator);
    return operator;
  }

  private void stop(AlignmentOperator operator) {
    running.remove(operator);
    operator.close();
  }

  private static OperatorConfig config(String ns) {
    return TestOperatorConfig.with(Map.of("watchNamespaces", List.of(ns), "leaderElection", true, "leaseName", LEASE,
        "leaseNamespace", ns));
  }

  private Lease lease(String ns) {
    return plane.client.leases().inNamespace(ns).withName(LEASE).get();
  }

  private static boolean isHeld(Lease lease) {
    String holder = lease.getSpec().getHolderIdentity();
    return holder != null && !holder.isEmpty();
  }

  /** Reconciliations this replica has started, from its own /metrics. */
  private double reconciliations(AlignmentOperator operator) throws IOException, InterruptedException {
    String metrics = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + operator.metricsPort()
        + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
    return metrics.lines().filter(line -> line.startsWith("operator_sdk_reconciliations_started_total"))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
  }
}
