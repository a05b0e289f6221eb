package dev.alignment.operator.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The scale benchmark's knobs, from the environment that hack/bench-operator.sh sets.
 *
 * @param runs AlignmentRuns to create ({@code RUNS})
 * @param parallel client threads creating them ({@code PARALLEL})
 * @param namespaces namespaces the runs are spread over ({@code NAMESPACES})
 * @param idle how long the idle operator is measured after the burst ({@code IDLE_SECONDS})
 * @param timeout longest wait for the first Jobs, and again for the run statuses ({@code TIMEOUT_SECONDS})
 * @param stall a wait also ends when its count has not grown for this long ({@code STALL_SECONDS})
 * @param operatorPid the operator's process ({@code OPERATOR_PID})
 * @param operatorMetrics the operator's /metrics ({@code OPERATOR_METRICS})
 * @param apiserverPid kube-apiserver's process, for its CPU ({@code APISERVER_PID}), if known
 * @param etcdPid etcd's process ({@code ETCD_PID}), if known
 * @param resultsDir where the JSON and markdown results go ({@code RESULTS_DIR})
 * @param operator what ran as the operator: jar and JVM flags ({@code OPERATOR_DESCRIPTION}), for the report
 * @param memoryLimitBytes the chart's memory limit the operator's RSS is held against ({@code MEMORY_LIMIT_BYTES})
 */
record BenchSettings(
    int runs,
    int parallel,
    int namespaces,
    Duration idle,
    Duration timeout,
    Duration stall,
    long operatorPid,
    URI operatorMetrics,
    OptionalLong apiserverPid,
    OptionalLong etcdPid,
    Path resultsDir,
    String operator,
    long memoryLimitBytes) {

  static BenchSettings fromEnv(Map<String, String> env) {
    return new BenchSettings(
        positive(env, "RUNS", 10_000),
        positive(env, "PARALLEL", 32),
        positive(env, "NAMESPACES", 10),
        Duration.ofSeconds(positive(env, "IDLE_SECONDS", 60)),
        Duration.ofSeconds(positive(env, "TIMEOUT_SECONDS", 1200)),
        Duration.ofSeconds(positive(env, "STALL_SECONDS", 180)),
        Long.parseLong(required(env, "OPERATOR_PID")),
        URI.create(required(env, "OPERATOR_METRICS")),
        optionalPid(env, "APISERVER_PID"),
        optionalPid(env, "ETCD_PID"),
        Path.of(required(env, "RESULTS_DIR")),
        env.getOrDefault("OPERATOR_DESCRIPTION", "?"),
        Long.parseLong(required(env, "MEMORY_LIMIT_BYTES")));
  }

  private static String required(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is not set (hack/bench-operator.sh sets it)");
    }
    return value;
  }

  private static int positive(Map<String, String> env, String name, int fallback) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value.trim());
      if (parsed > 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(name + " must be a positive integer, got '" + value + "'");
  }

  private static OptionalLong optionalPid(Map<String, String> env, String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(value.trim()));
  }
}
