package dev.alignment.operator.it;

/** Manifests as a user writes them, for the integration tests. */
final class Manifests {
  private Manifests() {}

  /** A manifest of one of the operator's kinds; {@code spec} is its spec as YAML, written from the left margin. */
  static String of(String kind, String name, String spec) {
    return "apiVersion: alignment.dev/v1alpha1\nkind: " + kind + "\nmetadata: {name: " + name + "}\nspec:\n"
        + spec.indent(2);
  }

  static String dataset(String name, String uri) {
    return of("PreferenceDataset", name, """
        source: {uri: %s}
        validationFraction: 0.1
        """.formatted(uri));
  }

  static String rewardModel(String name, String dataset) {
    return of("RewardModel", name, """
        preferenceDataset: %s
        model: {uri: "builtin://tiny"}
        training: {steps: 100, batchSize: 16}
        """.formatted(dataset));
  }

  /** A RewardModel of a checkpoint trained elsewhere: Ready without a Job. */
  static String importedRewardModel(String name, String uri) {
    return of("RewardModel", name, "import: {uri: \"" + uri + "\"}");
  }

  static String dpoRun(String name, String dataset, int maxRetries) {
    return of("AlignmentRun", name, """
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
        """.formatted(dataset, maxRetries));
  }

  static String ppoRun(String name, String rewardModel) {
    return of("AlignmentRun", name, """
        algorithm: PPO
        rewardModel: %s
        ppo: {topology: Colocated, klCoef: 0.05}
        """.formatted(rewardModel));
  }

  /** A 2x2 sweep: algorithm DPO or IPO, times the datasets {@code prefs} and {@code secondDataset}. */
  static String sweep(String name, int maxParallel, String secondDataset) {
    return of("AlignmentSweep", name, """
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
        """.formatted(secondDataset, maxParallel));
  }
}
