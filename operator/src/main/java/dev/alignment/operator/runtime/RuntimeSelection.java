package dev.alignment.operator.runtime;

import dev.alignment.api.v1alpha1.Algorithm;
import dev.alignment.api.v1alpha1.AlignmentRunSpec;
import dev.alignment.api.v1alpha1.PreferenceDatasetSpec;
import dev.alignment.api.v1alpha1.RewardModelSpec;
import dev.alignment.operator.config.OperatorConfig;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which runtimes a resource's stages run on: its own (spec.runtime, or the operator's defaultRuntime) for its
 * training stages, the operator's reference runtime for the stages that judge or validate, so every run's results
 * are measured alike.
 *
 * @param runtime the resource's runtime
 * @param namedBySpec whether the spec named it (else it is the operator's default, which may fall back)
 * @param reference the operator's reference runtime (evalRuntime)
 * @param referenceStages names of the stages that run on the reference runtime
 * @param image spec.image, the resource's override of its runtime's image; null for none
 * @param algorithm the algorithm the runtime must support; null for a resource without one
 * @param nodesField the spec field of the trainer's pods, for messages
 */
public record RuntimeSelection(String runtime, boolean namedBySpec, String reference, Set<String> referenceStages,
    String image, Algorithm algorithm, String nodesField) {

  public RuntimeSelection {
    referenceStages = Set.copyOf(referenceStages);
  }

  /** A run trains on its runtime and is evaluated on the reference runtime. */
  public static RuntimeSelection run(AlignmentRunSpec spec, OperatorConfig config, String evalStage) {
    return new RuntimeSelection(spec.runtime != null ? spec.runtime : config.defaultRuntime(), spec.runtime != null,
        config.referenceRuntime(), Set.of(evalStage), spec.image, spec.algorithm, "spec.resources.trainer.nodes");
  }

  /** A reward model trains on its runtime. */
  public static RuntimeSelection rewardModel(RewardModelSpec spec, OperatorConfig config) {
    return new RuntimeSelection(spec.runtime != null ? spec.runtime : config.defaultRuntime(), spec.runtime != null,
        config.referenceRuntime(), Set.of(), spec.image, null, "spec.resources.nodes");
  }

  /** A dataset is synthesized and validated on the reference runtime, which every run's data then agrees with. */
  public static RuntimeSelection dataset(PreferenceDatasetSpec spec, OperatorConfig config) {
    return new RuntimeSelection(config.referenceRuntime(), false, config.referenceRuntime(), Set.of(), spec.image, null,
        "spec.resources.nodes");
  }

  /** The runtimes this selection may use, whose changes concern the resource. */
  public List<String> runtimes() {
    Set<String> names = new LinkedHashSet<>(List.of(runtime, reference));
    return List.copyOf(names);
  }

  /** How messages name the resource's runtime. */
  String describe() {
    return namedBySpec ? "runtime " + runtime : "runtime " + runtime + " (the operator's defaultRuntime)";
  }
}
