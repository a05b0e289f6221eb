package dev.alignment.operator;

import dev.alignment.operator.config.OperatorConfig;
import dev.alignment.operator.health.ProbeServer;
import dev.alignment.operator.metrics.OperatorMetrics;
import dev.alignment.operator.reconciler.Reconcilers;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.util.Set;

/** The running operator: JOSDK with our reconcilers, Micrometer metrics and the probe/metrics endpoint. */
public final class AlignmentOperator implements AutoCloseable {
  private final Operator operator;
  private final ProbeServer probes;

  private AlignmentOperator(Operator operator, ProbeServer probes) {
    this.operator = operator;
    this.probes = probes;
  }

  /** Starts reconciling; returns once informers are synced (or leader election is joined). */
  public static AlignmentOperator start(KubernetesClient client, OperatorConfig config) throws IOException {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    Operator operator = new Operator(o -> {
      o.withKubernetesClient(client)
          .withCloseClientOnStop(false)
          .withMetrics(MicrometerMetrics.newMicrometerMetricsBuilder(registry).notCollectingMetricsPerResource().build());
      if (config.leaderElection()) {
        o.withLeaderElectionConfiguration(config.leaseNamespace().isBlank()
            ? new LeaderElectionConfiguration(config.leaseName())
            : new LeaderElectionConfiguration(config.leaseName(), config.leaseNamespace()));
      }
    });
    Set<String> namespaces = Set.copyOf(config.watchNamespaces());
    for (Reconciler<?> reconciler : Reconcilers.create(client, config, new OperatorMetrics(registry), Clock.systemUTC())) {
      operator.register(reconciler, o -> {
        if (!namespaces.isEmpty()) {
          o.settingNamespaces(namespaces);
        }
      });
    }
    ProbeServer probes = ProbeServer.start(config.metricsPort(), operator::getRuntimeInfo, registry);
    operator.start();
    return new AlignmentOperator(operator, probes);
  }

  public int metricsPort() {
    return probes.port();
  }

  @Override
  public void close() {
    operator.stop();
    probes.close();
  }
}
