package dev.alignment.operator.policy;

import dev.alignment.api.v1alpha1.AlignmentRunSpec;
import dev.alignment.api.v1alpha1.EnvFromSecret;
import dev.alignment.api.v1alpha1.EnvVariable;
import dev.alignment.api.v1alpha1.PreferenceDatasetSpec;
import dev.alignment.api.v1alpha1.RewardModelSpec;
import dev.alignment.api.v1alpha1.Scheduling;
import dev.alignment.api.v1alpha1.Workspace;
import java.util.List;

/**
 * The fields of a resource's spec that reach its trainer pods (every one a tenant chooses), each null or empty when
 * the spec leaves it to the operator.
 *
 * @param image spec.image
 * @param claimName spec.workspace.claimName
 * @param scheduling spec.scheduling: node selector, tolerations, priority class (and Kueue queue, not gated: a
 *     LocalQueue is the namespace's own)
 * @param env spec.env
 * @param envFrom spec.envFrom
 */
public record PodOverrides(
    String image, String claimName, Scheduling scheduling, List<EnvVariable> env, List<EnvFromSecret> envFrom) {
  public static final PodOverrides NONE = new PodOverrides(null, null, null, null, null);

  public PodOverrides {
    scheduling = scheduling == null ? new Scheduling() : scheduling;
    env = env == null ? List.of() : List.copyOf(env);
    envFrom = envFrom == null ? List.of() : List.copyOf(envFrom);
  }

  public static PodOverrides of(AlignmentRunSpec spec) {
    return new PodOverrides(spec.image, claim(spec.workspace), spec.scheduling, spec.env, spec.envFrom);
  }

  public static PodOverrides of(RewardModelSpec spec) {
    return new PodOverrides(spec.image, claim(spec.workspace), spec.scheduling, spec.env, spec.envFrom);
  }

  public static PodOverrides of(PreferenceDatasetSpec spec) {
    return new PodOverrides(spec.image, claim(spec.workspace), null, spec.env, spec.envFrom);
  }

  private static String claim(Workspace workspace) {
    return workspace == null ? null : workspace.claimName;
  }
}
