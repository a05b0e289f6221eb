package dev.alignment.operator.it;

/** Manifests as a user writes them, for the integration tests. */
final class Manifests {
  private Manifests() {}

  static String dataset(String name, String uri) {
    return """
        apiVersion: alignment.dev/v1alpha1
        kind: PreferenceDataset
        metadata: {name: %s}
        spec:
          source: {uri: %s}
          validationFraction: 0.1
        """.formatted(name, uri);
  }

  static String rewardModel(String name, String dataset) {
    return """
        apiVersion: alignment.dev/v1alpha1
        kind: RewardModel
        metadata: {name: %s}
        spec:
          preferenceDataset: %s
          model: {uri: "builtin://tiny"}
          training: {steps: 100, batchSize: 16}
        """.formatted(name, dataset);
  }

  static String dpoRun(String name, String dataset, int maxRetries) {
    return """
        apiVersion: alignment.dev/v1alpha1
        kind: AlignmentRun
        metadata: {name: %s}
        spec:
          algorithm: DPO
          preferenceDataset: %s
          model: {uri: "builtin://tiny"}
          sft:
            dataset: {uri: "builtin://sentiment/sft"}
            steps: 100
          training: {steps: 100, beta: 0.1}
          resources:
            trainer: {gpus: 1, memory: 3Gi}
          maxRetries: %d
        """.formatted(name, dataset, maxRetries);
  }

  static String ppoRun(String name, String rewardModel) {
    return """
        apiVersion: alignment.dev/v1alpha1
        kind: AlignmentRun
        metadata: {name: %s}
        spec:
          algorithm: PPO
          rewardModel: %s
          ppo: {topology: Colocated, klCoef: 0.05}
        """.formatted(name, rewardModel);
  }

  /** A 2x2 sweep: algorithm DPO or IPO, times the datasets {@code prefs} and {@code secondDataset}. */
  static String sweep(String name, int maxParallel, String secondDataset) {
    return """
        apiVersion: alignment.dev/v1alpha1
        kind: AlignmentSweep
        metadata: {name: %s}
        spec:
          template:
            algorithm: DPO
            preferenceDataset: prefs
            model: {uri: "builtin://tiny"}
            training: {steps: 100, beta: 0.1}
          matrix:
            parameters:
              - field: algorithm
                values: [DPO, IPO]
              - field: preferenceDataset
                values: [prefs, %s]
          maxParallel: %d
        """.formatted(name, secondDataset, maxParallel);
  }
}
