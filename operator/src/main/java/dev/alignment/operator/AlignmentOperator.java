package dev.alignment.operator;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alignment.operator.config.OperatorConfig;
import dev.alignment.operator.decode.DecodeFailures;
import dev.alignment.operator.decode.TolerantDecoding;
import dev.alignment.operator.health.LeaderLease;
import dev.alignment.operator.health.ProbeServer;
import dev.alignment.operator.metrics.KubernetesClientMetrics;
import dev.alignment.operator.metrics.OperatorMetrics;
import dev.alignment.operator.metrics.RunResultsCollector;
import dev.alignment.operator.reconciler.Reconcilers;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.client.utils.TokenRefreshInterceptor;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running operator: JOSDK with our reconcilers, Micrometer metrics and the probe/metrics endpoint. */
public final class AlignmentOperator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AlignmentOperator.class);

  /** Set once the operator stops: leadership lost after that is not a reason to exit. */
  private final AtomicBoolean closing = new AtomicBoolean();
  private final KubernetesClient client;
  private final Operator operator;
  private final ProbeServer probes;

  /**
   * Starts reconciling with a client for {@code cluster}'s configuration, whose requests are counted; returns once
   * informers are synced (or leader election is joined).
   */
  public static AlignmentOperator start(KubernetesClient cluster, OperatorConfig config) throws IOException {
    AlignmentOperator started = new AlignmentOperator(cluster, config);
    started.operator.start();
    return started;
  }

  private AlignmentOperator(KubernetesClient cluster, OperatorConfig config) throws IOException {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    OperatorMetrics metrics = new OperatorMetrics(registry);
    DecodeFailures decodeFailures = new DecodeFailures(metrics);
    client = new KubernetesClientBuilder()
        .withConfig(cluster.getConfiguration())
        .withHttpClientBuilderConsumer(b -> {
          b.addOrReplaceInterceptor(KubernetesClientMetrics.NAME, new KubernetesClientMetrics(registry));
          if (certificateOnly(cluster.getConfiguration())) {
            // Fabric8 re-reads the whole kubeconfig before every request when there is no token to refresh (its
            // refresh time moves only when a token changes): 18% of the operator's CPU in a 5,000-run burst.
            b.addOrReplaceInterceptor(TokenRefreshInterceptor.NAME, null);
          }
        })
        .withKubernetesSerialization(new KubernetesSerialization(
            new ObjectMapper().registerModule(new TolerantDecoding(Reconcilers.KINDS, decodeFailures)), true))
        .build();
    operator = new Operator(o -> {
      o.withKubernetesClient(client)
          .withCloseClientOnStop(false)
          .withMetrics(MicrometerMetrics.newMicrometerMetricsBuilder(registry).notCollectingMetricsPerResource().build());
      if (config.leaderElection()) {
        o.withLeaderElectionConfiguration(leaderElection(config));
      }
    });
    Set<String> namespaces = Set.copyOf(config.watchNamespaces());
    registry.getPrometheusRegistry().register(new RunResultsCollector(metrics::cachedRuns));
    for (Reconciler<?> reconciler : Reconcilers.create(client, config, metrics, decodeFailures, Clock.systemUTC())) {
      operator.register(reconciler, o -> {
        // JOSDK gives up after 5 failed reconciles, leaving an object untouched until its next change; under an
        // overloaded API server that strands runs. Errors are retried for as long as they last, backing off.
        o.withRetry(GenericRetry.defaultLimitedExponentialRetry().withoutMaxAttempts()
            .setMaxInterval(Duration.ofSeconds(config.retryBackoffMaxSeconds()).toMillis()));
        if (!namespaces.isEmpty()) {
          o.settingNamespaces(namespaces);
        }
      });
    }
    probes = ProbeServer.start(config.metricsPort(), operator::getRuntimeInfo, registry);
  }

  /** A client certificate and nothing else to authenticate with: no token (static, file, exec), password or provider. */
  static boolean certificateOnly(Config config) {
    boolean certificate = config.getClientCertFile() != null || config.getClientCertData() != null;
    return certificate && config.getOauthToken() == null && config.getAutoOAuthToken() == null
        && config.getOauthTokenProvider() == null && config.getUsername() == null && config.getAuthProvider() == null;
  }

  /**
   * Each process elects under an identity of its own ({@link LeaderLease#newIdentity}). A replica that loses its
   * Lease exits, so that its pod restarts and rejoins the election; stopping the operator also stops leading, and
   * that must not exit (System.exit inside a shutdown hook hangs).
   */
  private LeaderElectionConfiguration leaderElection(OperatorConfig config) {
    LeaderCallbacks callbacks = new LeaderCallbacks(
        () -> LOG.info("leading: this replica reconciles"),
        () -> {
          if (!closing.get()) {
            LOG.error("lost the leader Lease {}; exiting", config.leaseName());
            new Thread(() -> System.exit(1), "exit-on-lost-lease").start();
          }
        },
        leader -> LOG.info("leader is {}", leader));
    return new LeaderElectionConfiguration(
        config.leaseName(),
        config.leaseNamespace().isBlank() ? null : config.leaseNamespace(),
        LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
        LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
        LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE,
        LeaderLease.newIdentity(),
        callbacks,
        false);
  }

  public int metricsPort() {
    return probes.port();
  }

  /** Stops reconciling, then gives up the leader Lease if held, so that another replica takes over at once. */
  @Override
  public void close() {
    closing.set(true);
    operator.stop();
    operator.getConfigurationService().getLeaderElectionConfiguration()
        .ifPresent(election -> LeaderLease.release(client, election));
    probes.close();
    client.close();
  }
}
