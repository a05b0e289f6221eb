package dev.alignment.operator.policy;

import dev.alignment.operator.config.AllowList;
import java.util.List;
import java.util.Map;

/** spec.scheduling.nodeSelector: only keys the operator's allowedNodeSelectorKeys permits. */
record NodeSelectorPolicy(AllowList allowedKeys) implements PodPolicy {
  @Override
  public List<Refusal> check(PodOverrides overrides) {
    Map<String, String> selector = overrides.scheduling().nodeSelector;
    if (selector == null) {
      return List.of();
    }
    return selector.keySet().stream().sorted().filter(key -> !allowedKeys.permits(key))
        .map(key -> Refusal.notAllowed("spec.scheduling.nodeSelector key", key, allowedKeys))
        .toList();
  }
}
