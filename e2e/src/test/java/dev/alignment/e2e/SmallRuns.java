package dev.alignment.e2e;

/** Manifests for short runs (tens of steps) that exercise scheduling and failure paths quickly. */
final class SmallRuns {
  private SmallRuns() {}

  static String dataset(String name) {
    return """
        apiVersion: alignment.dev/v1alpha1
        kind: PreferenceDataset
        metadata: {name: %s}
        spec:
          source: {uri: "builtin://sentiment/preferences?count=300"}
        """.formatted(name);
  }

  /** A DPO run with SFT whose trainer asks for this many GPUs; sftSteps sets how long its first stage lasts. */
  static String run(String name, String dataset, int gpus, int sftSteps) {
    return """
        apiVersion: alignment.dev/v1alpha1
        kind: AlignmentRun
        metadata: {name: %s}
        spec:
          algorithm: DPO
          preferenceDataset: %s
          sft: {dataset: {uri: "builtin://sentiment/sft"}, steps: %d, batchSize: 16}
          training: {steps: 20, batchSize: 16}
          evaluation: {samples: 32}
          resources:
            trainer: {gpus: %d, cpu: 500m, memory: 1Gi}
            eval: {cpu: 500m, memory: 1Gi}
        """.formatted(name, dataset, sftSteps, gpus);
  }
}
