package dev.alignment.operator.policy;

import dev.alignment.operator.config.AllowList;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.ArrayList;
import java.util.List;

/**
 * spec.scheduling.tolerations: only keys the operator's allowedTolerationKeys permits. A toleration without a key
 * tolerates every taint; its key counts as "", which only the entry {@code *} permits.
 */
record TolerationPolicy(AllowList allowedKeys) implements PodPolicy {
  @Override
  public List<Refusal> check(PodOverrides overrides) {
    List<Toleration> tolerations = overrides.scheduling().tolerations;
    List<Refusal> refusals = new ArrayList<>();
    for (int i = 0; tolerations != null && i < tolerations.size(); i++) {
      String key = tolerations.get(i).getKey() == null ? "" : tolerations.get(i).getKey();
      if (!allowedKeys.permits(key)) {
        refusals.add(Refusal.notAllowed("spec.scheduling.tolerations[" + i + "].key", key, allowedKeys));
      }
    }
    return refusals;
  }
}
