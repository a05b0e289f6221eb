package dev.alignment.operator.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alignment.operator.config.OperatorConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/** Operator configs for tests: the defaults with some settings changed, by name, as the config file names them. */
final class TestOperatorConfig {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TestOperatorConfig() {}

  /** The test defaults (a fake trainer image, small resources, fast backoff) with {@code overrides} on top. */
  @SuppressWarnings("unchecked")
  static OperatorConfig with(Map<String, Object> overrides) {
    Map<String, Object> values = new LinkedHashMap<>(JSON.convertValue(OperatorConfig.defaults(), Map.class));
    values.putAll(Map.of("trainerImage", "trainer:test", "workspaceClaim", "workspace", "metricsPort", 0,
        "trainerCpu", "500m", "trainerMemory", "1Gi", "retryBackoffSeconds", 1, "retryBackoffMaxSeconds", 2,
        "progressIntervalSeconds", 1));
    values.putAll(overrides);
    return JSON.convertValue(values, OperatorConfig.class);
  }
}
