/**
 * The {@code alignment.dev/v1alpha1} API: PreferenceDataset, RewardModel, AlignmentRun, AlignmentSweep and the
 * cluster-scoped TrainerRuntime. Field Javadoc
 * becomes the CRD's schema descriptions ({@code kubectl explain}); validation annotations become the
 * schema's ranges and CEL rules, so bad manifests are rejected at admission.
 */
package dev.alignment.api.v1alpha1;
