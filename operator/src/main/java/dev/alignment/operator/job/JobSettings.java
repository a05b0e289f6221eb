package dev.alignment.operator.job;

import dev.alignment.api.v1alpha1.EnvFromSecret;
import dev.alignment.api.v1alpha1.EnvVariable;
import dev.alignment.api.v1alpha1.Scheduling;
import dev.alignment.operator.config.OperatorConfig;
import dev.alignment.operator.policy.PodOverrides;
import dev.alignment.operator.policy.TenantPolicy;
import java.util.List;

/**
 * What every stage Job of one resource shares: image, workspace, placement, default compute and the pods'
 * credentials and limits.
 *
 * @param image trainer image
 * @param imagePullPolicy pull policy of the trainer container
 * @param workspaceClaim PersistentVolumeClaim mounted at /workspace
 * @param scheduling node selector, tolerations, priority class and Kueue queue; may be null
 * @param defaultCpu CPU request when a stage sets none
 * @param defaultMemory memory request and limit when a stage sets none
 * @param serviceAccount service account of the pods; empty for the namespace default
 * @param env the spec's environment variables (plain values and Secret keys)
 * @param envFrom the spec's Secrets expanded into variables
 * @param imagePullSecrets Secrets the pods pull their image with
 * @param activeDeadlineSeconds longest a pod may run; 0 for no limit
 */
public record JobSettings(
    String image,
    String imagePullPolicy,
    String workspaceClaim,
    Scheduling scheduling,
    String defaultCpu,
    String defaultMemory,
    String serviceAccount,
    List<EnvVariable> env,
    List<EnvFromSecret> envFrom,
    List<String> imagePullSecrets,
    long activeDeadlineSeconds) {

  public JobSettings {
    env = List.copyOf(env);
    envFrom = List.copyOf(envFrom);
    imagePullSecrets = List.copyOf(imagePullSecrets);
  }

  /**
   * Settings from a resource's spec fields, falling back to the operator's config, once the operator's
   * {@link TenantPolicy} allowed them; a refusal throws an IllegalArgumentException naming the field and the setting
   * that would allow it (the resource fails as an invalid spec, before any Job exists).
   */
  public static JobSettings of(OperatorConfig config, PodOverrides overrides) {
    TenantPolicy.of(config, StageJobBuilder.OPERATOR_ENV).enforce(overrides);
    return new JobSettings(
        overrides.image() != null ? overrides.image() : config.trainerImage(),
        config.imagePullPolicy(),
        overrides.claimName() != null ? overrides.claimName() : config.workspaceClaim(),
        overrides.scheduling(),
        config.trainerCpu(),
        config.trainerMemory(),
        config.trainerServiceAccount(),
        overrides.env(),
        overrides.envFrom(),
        config.imagePullSecrets(),
        config.trainerActiveDeadlineSeconds());
  }
}
