package dev.alignment.operator.health;

import io.javaoperatorsdk.operator.RuntimeInfo;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.health.EventSourceHealthIndicator;
import io.javaoperatorsdk.operator.health.InformerHealthIndicator;
import io.javaoperatorsdk.operator.health.InformerWrappingEventSourceHealthIndicator;
import io.javaoperatorsdk.operator.health.Status;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
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
    // One map per controller, empty when all its event sources are healthy.
    Map<String, Map<String, EventSourceHealthIndicator>> unhealthy = info.unhealthyEventSources();
    List<String> sources = new ArrayList<>();
    unhealthy.forEach((controller, eventSources) -> eventSources.forEach(
        (name, indicator) -> sources.add("controller " + controller + ": " + describe(name, indicator))));
    return sources.isEmpty()
        ? new Readiness(true, "ok")
        : new Readiness(false, "not ready: " + String.join("; ", sources));
  }

  private static String describe(String name, EventSourceHealthIndicator indicator) {
    // Unnamed event sources are named after their class and hash code; the kind they watch says more.
    String source = indicator instanceof EventSource<?, ?> eventSource
        ? eventSource.resourceType().getSimpleName() + " event source"
        : "event source " + name;
    if (!(indicator instanceof InformerWrappingEventSourceHealthIndicator<?> informers)) {
      return source + " is " + indicator.getStatus();
    }
    List<String> failing = new ArrayList<>();
    informers.informerHealthIndicators().forEach((namespace, informer) -> {
      if (informer.getStatus() != Status.HEALTHY) {
        failing.add(informer(namespace, informer));
      }
    });
    return source + " (" + String.join(", ", failing) + ")";
  }

  private static String informer(String namespace, InformerHealthIndicator informer) {
    String scope = Constants.WATCH_ALL_NAMESPACES.equals(namespace) ? "all namespaces" : "namespace " + namespace;
    return "informer for " + scope + ": running=" + informer.isRunning() + " synced=" + informer.hasSynced()
        + " watching=" + informer.isWatching();
  }
}
