package dev.alignment.operator.health;

import io.javaoperatorsdk.operator.RuntimeInfo;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.health.EventSourceHealthIndicator;
import io.javaoperatorsdk.operator.health.InformerHealthIndicator;
import io.javaoperatorsdk.operator.health.InformerWrappingEventSourceHealthIndicator;
import io.javaoperatorsdk.operator.health.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether the operator can reconcile: started, and every event source healthy (an informer is healthy while it
 * runs, has synced and watches). When not, the message names each unhealthy event source and informer.
 */
record Readiness(boolean ready, String message) {

  static Readiness of(RuntimeInfo info) {
    if (info == null || !info.isStarted()) {
      return new Readiness(false, "not ready: starting");
    }
    Map<String, Map<String, EventSourceHealthIndicator>> unhealthy = info.unhealthyEventSources();
    if (unhealthy.isEmpty()) {
      return new Readiness(true, "ok");
    }
    List<String> sources = new ArrayList<>();
    unhealthy.forEach((controller, eventSources) -> eventSources.forEach(
        (name, indicator) -> sources.add("controller " + controller + " event source " + name + describe(indicator))));
    return new Readiness(false, "not ready: " + String.join("; ", sources));
  }

  private static String describe(EventSourceHealthIndicator indicator) {
    if (!(indicator instanceof InformerWrappingEventSourceHealthIndicator<?> informers)) {
      return " is " + indicator.getStatus();
    }
    List<String> failing = new ArrayList<>();
    informers.informerHealthIndicators().forEach((namespace, informer) -> {
      if (informer.getStatus() != Status.HEALTHY) {
        failing.add(describe(namespace, informer));
      }
    });
    return " (" + String.join(", ", failing) + ")";
  }

  private static String describe(String namespace, InformerHealthIndicator informer) {
    String scope = Constants.WATCH_ALL_NAMESPACES.equals(namespace) ? "all namespaces" : "namespace " + namespace;
    return "informer for " + scope + ": running=" + informer.isRunning() + " synced=" + informer.hasSynced()
        + " watching=" + informer.isWatching();
  }
}
