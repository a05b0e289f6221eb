package dev.alignment.operator.job;

import dev.alignment.api.v1alpha1.Scheduling;
import dev.alignment.api.v1alpha1.Workspace;
import dev.alignment.operator.config.OperatorConfig;

/**
 * What every stage Job of one resource shares: image, workspace, placement and default compute.
 *
 * @param image trainer image
 * @param imagePullPolicy pull policy of the trainer container
 * @param workspaceClaim PersistentVolumeClaim mounted at /workspace
 * @param scheduling node selector, tolerations, priority class and Kueue queue; may be null
 * @param defaultCpu CPU request when a stage sets none
 * @param defaultMemory memory request and limit when a stage sets none
 * @param serviceAccount service account of the pods; empty for the namespace default
 */
public record JobSettings(
    String image,
    String imagePullPolicy,
    String workspaceClaim,
    Scheduling scheduling,
    String defaultCpu,
    String defaultMemory,
    String serviceAccount) {

  /** Settings from a resource's spec fields, falling back to the operator's config. */
  public static JobSettings of(OperatorConfig config, String image, Workspace workspace, Scheduling scheduling) {
    return new JobSettings(
        image != null ? image : config.trainerImage(),
        config.imagePullPolicy(),
        workspace != null && workspace.claimName != null ? workspace.claimName : config.workspaceClaim(),
        scheduling,
        config.trainerCpu(),
        config.trainerMemory(),
        config.trainerServiceAccount());
  }
}
