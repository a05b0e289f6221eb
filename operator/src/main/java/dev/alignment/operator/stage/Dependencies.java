package dev.alignment.operator.stage;

import dev.alignment.api.v1alpha1.DatasetPhase;
import dev.alignment.api.v1alpha1.PreferenceDataset;
import dev.alignment.api.v1alpha1.RewardModel;
import dev.alignment.api.v1alpha1.RewardModelPhase;
import dev.alignment.operator.status.Reasons;
import dev.alignment.operator.uri.UriPolicy;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a resource's stage configs are built from besides its spec: the PreferenceDatasets and RewardModels it
 * references, as found in the informer caches, and the operator's URI policy its URIs are checked against.
 *
 * @param datasets found datasets by name
 * @param rewardModels found reward models by name
 * @param uris the URIs a resource may name, and the http policy every stage's config carries
 */
public record Dependencies(Map<String, PreferenceDataset> datasets, Map<String, RewardModel> rewardModels, UriPolicy uris) {

  /** Ready when every named dataset and reward model exists and is Ready; otherwise what is missing first. */
  public Readiness readiness(List<String> datasetNames, List<String> rewardModelNames) {
    return firstNotReady(datasetNames, datasets, PreferenceDataset.class, Reasons.WAITING_FOR_PREFERENCE_DATASET,
        pds -> pds.getStatus() == null ? null : pds.getStatus().phase, DatasetPhase.Ready)
        .or(() -> firstNotReady(rewardModelNames, rewardModels, RewardModel.class, Reasons.WAITING_FOR_REWARD_MODEL,
            rm -> rm.getStatus() == null ? null : rm.getStatus().phase, RewardModelPhase.Ready))
        .orElse(Readiness.READY);
  }

  /** The validated dataset's URI; empty until the dataset is Ready. */
  public Optional<String> datasetUri(String name) {
    return Optional.ofNullable(datasets.get(name)).map(PreferenceDataset::getStatus).map(s -> s.uri);
  }

  /** The reward model's checkpoint URI; empty until it is Ready. */
  public Optional<String> rewardModelCheckpoint(String name) {
    return Optional.ofNullable(rewardModels.get(name)).map(RewardModel::getStatus).map(s -> s.checkpoint);
  }

  private static <T extends HasMetadata> Optional<Readiness> firstNotReady(List<String> names, Map<String, T> found,
      Class<T> type, String reason, Function<T, Enum<?>> phaseOf, Enum<?> ready) {
    for (String name : names) {
      T resource = found.get(name);
      Enum<?> phase = resource == null ? null : phaseOf.apply(resource);
      if (phase != ready) {
        return Optional.of(Readiness.waiting(reason,
            "waiting for " + HasMetadata.getKind(type) + " " + name + " to be Ready (" + describe(resource == null, phase) + ")"));
      }
    }
    return Optional.empty();
  }

  private static String describe(boolean missing, Enum<?> phase) {
    return missing ? "not found" : phase == null ? "phase not set yet" : "phase " + phase;
  }
}
