package dev.alignment.e2e;

/** Manifests of the project's kinds for short runs (tens of steps) that exercise scheduling and failure paths quickly. */
final class SmallRuns {
  private SmallRuns() {}

  /** A manifest of {@code kind} named {@code name}; {@code spec} is its spec's YAML, keys at the margin. */
  static String manifest(String kind, String name, String spec) {
    return "apiVersion: alignment.dev/v1alpha1\nkind: " + kind + "\nmetadata: {name: " + name + "}\nspec:\n" + spec.indent(2);
  }

  /** Manifests as one multi-document YAML stream. */
  static String documents(String... manifests) {
    return String.join("---\n", manifests);
  }

  static String dataset(String name) {
    return manifest("PreferenceDataset", name, "source: {uri: \"builtin://sentiment/preferences?count=300\"}\n");
  }

  /** A DPO run with SFT whose trainer asks for this many GPUs; the step counts set how long its two stages last. */
  static String run(String name, String dataset, int gpus, int sftSteps, int dpoSteps) {
    return manifest("AlignmentRun", name, """
        algorithm: DPO
        preferenceDataset: %s
        sft: {dataset: {uri: "builtin://sentiment/sft"}, steps: %d, batchSize: 16}
        training: {steps: %d, batchSize: 16}
        evaluation: {samples: 32}
        resources:
          trainer: {gpus: %d, cpu: 500m, memory: 1Gi}
          eval: {cpu: 500m, memory: 1Gi}
        """.formatted(dataset, sftSteps, dpoSteps, gpus));
  }
}
