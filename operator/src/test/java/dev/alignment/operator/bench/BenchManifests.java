package dev.alignment.operator.bench;

import dev.alignment.api.v1alpha1.AlignmentRun;
import dev.alignment.api.v1alpha1.RewardModel;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * The benchmark's objects. Each namespace has one imported RewardModel (the operator marks it Ready without a Job),
 * and each run is a best-of-n run against it: no dataset and no training to wait for, so the operator creates the
 * run's first Job (stage {@code best-of-n}) as soon as it reconciles it.
 */
final class BenchManifests {
  static final String REWARD_MODEL = "bench-rm";
  private static final KubernetesSerialization YAML = new KubernetesSerialization();

  private BenchManifests() {}

  static String namespace(int index) {
    return "bench-%03d".formatted(index);
  }

  static String runName(int index) {
    return "run-%05d".formatted(index);
  }

  static RewardModel rewardModel(String namespace) {
    return YAML.unmarshal("""
        apiVersion: alignment.dev/v1alpha1
        kind: RewardModel
        metadata: {name: %s, namespace: %s}
        spec:
          import: {uri: "file:///workspace/bench/reward-model"}
        """.formatted(REWARD_MODEL, namespace), RewardModel.class);
  }

  static AlignmentRun run(String namespace, String name) {
    return YAML.unmarshal("""
        apiVersion: alignment.dev/v1alpha1
        kind: AlignmentRun
        metadata: {name: %s, namespace: %s}
        spec:
          algorithm: BestOfN
          rewardModel: %s
          model: {uri: "builtin://tiny"}
        """.formatted(name, namespace, REWARD_MODEL), AlignmentRun.class);
  }
}
