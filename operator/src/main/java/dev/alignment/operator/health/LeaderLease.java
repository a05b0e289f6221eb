package dev.alignment.operator.health;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaderElectionRecord;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** This process's claim on the leader Lease: an identity no other process shares, given up on orderly shutdown. */
public final class LeaderLease {
  private static final Logger LOG = LoggerFactory.getLogger(LeaderLease.class);

  private LeaderLease() {}

  /**
   * The host name (the pod name in a cluster, the node's name with {@code hostNetwork} or outside one) and a
   * random UUID, as client-go's leader election examples do: replicas on one host must not share an identity,
   * or each renews the other's Lease and both lead.
   */
  public static String newIdentity() {
    return hostname() + "_" + UUID.randomUUID();
  }

  /**
   * Gives up the Lease if this process holds it, so that another replica takes over at its next retry instead of
   * after the lease duration. JOSDK runs Fabric8's elector with {@code releaseOnCancel} off, so stopping the
   * operator alone keeps the Lease. Call once the elector has stopped renewing. Returns whether it released.
   */
  public static boolean release(KubernetesClient client, LeaderElectionConfiguration election) {
    if (election.getIdentity().isEmpty()) {
      return false;
    }
    String identity = election.getIdentity().get();
    String namespace = election.getLeaseNamespace().orElseGet(client.getConfiguration()::getNamespace);
    LeaseLock lock = new LeaseLock(namespace, election.getLeaseName(), identity);
    try {
      LeaderElectionRecord current = lock.get(client);
      if (current == null || !identity.equals(current.getHolderIdentity())) {
        return false;
      }
      ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
      // An empty holder (not an absent one: the update is a merge patch, which keeps absent fields) lets every
      // candidate acquire at once, whatever lease duration it is configured with; client-go releases the same way.
      lock.update(client, new LeaderElectionRecord("", Duration.ofSeconds(1), now, now, current.getLeaderTransitions()));
      LOG.info("released the leader Lease {}/{}", namespace, election.getLeaseName());
      return true;
    } catch (KubernetesClientException e) {
      LOG.warn("could not release the leader Lease {}/{}; it expires after its lease duration", namespace,
          election.getLeaseName(), e);
      return false;
    }
  }

  private static String hostname() {
    String fromEnv = System.getenv("HOSTNAME");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown-host";
    }
  }
}
