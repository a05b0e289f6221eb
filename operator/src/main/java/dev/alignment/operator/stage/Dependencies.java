package dev.alignment.operator.stage;

import dev.alignment.api.v1alpha1.DatasetPhase;
import dev.alignment.api.v1alpha1.PreferenceDataset;
import dev.alignment.api.v1alpha1.RewardModel;
import dev.alignment.api.v1alpha1.RewardModelPhase;
import dev.alignment.operator.status.Reasons;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The PreferenceDatasets and RewardModels a resource references, as found in the informer caches.
 *
 * @param datasets found datasets by name
 * @param rewardModels found reward models by name
 */
public record Dependencies(Map<String, PreferenceDataset> datasets, Map<String, RewardModel> rewardModels) {

  /** Ready when every named dataset and reward model exists and is Ready; otherwise what is missing first. */
  public Readiness readiness(List<String> datasetNames, List<String> rewardModelNames) {
    for (String name : datasetNames) {
      PreferenceDataset pds = datasets.get(name);
      DatasetPhase phase = pds == null || pds.getStatus() == null ? null : pds.getStatus().phase;
      if (phase != DatasetPhase.Ready) {
        return Readiness.waiting(
            Reasons.WAITING_FOR_PREFERENCE_DATASET, "waiting for PreferenceDataset " + name + " to be Ready (" + describe(pds == null, phase) + ")");
      }
    }
    for (String name : rewardModelNames) {
      RewardModel rm = rewardModels.get(name);
      RewardModelPhase phase = rm == null || rm.getStatus() == null ? null : rm.getStatus().phase;
      if (phase != RewardModelPhase.Ready) {
        return Readiness.waiting(
            Reasons.WAITING_FOR_REWARD_MODEL, "waiting for RewardModel " + name + " to be Ready (" + describe(rm == null, phase) + ")");
      }
    }
    return Readiness.READY;
  }

  /** The validated dataset's URI; empty until the dataset is Ready. */
  public Optional<String> datasetUri(String name) {
    return Optional.ofNullable(datasets.get(name)).map(PreferenceDataset::getStatus).map(s -> s.uri);
  }

  /** The reward model's checkpoint URI; empty until it is Ready. */
  public Optional<String> rewardModelCheckpoint(String name) {
    return Optional.ofNullable(rewardModels.get(name)).map(RewardModel::getStatus).map(s -> s.checkpoint);
  }

  private static String describe(boolean missing, Enum<?> phase) {
    return missing ? "not found" : phase == null ? "phase not set yet" : "phase " + phase;
  }
}
