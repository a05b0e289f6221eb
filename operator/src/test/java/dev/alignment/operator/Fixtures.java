package dev.alignment.operator;

import dev.alignment.api.v1alpha1.Algorithm;
import dev.alignment.api.v1alpha1.AlignmentRun;
import dev.alignment.api.v1alpha1.AlignmentRunSpec;
import dev.alignment.api.v1alpha1.DatasetPhase;
import dev.alignment.api.v1alpha1.DatasetSource;
import dev.alignment.api.v1alpha1.PreferenceDataset;
import dev.alignment.api.v1alpha1.PreferenceDatasetSpec;
import dev.alignment.api.v1alpha1.PreferenceDatasetStatus;
import dev.alignment.api.v1alpha1.RewardModel;
import dev.alignment.api.v1alpha1.RewardModelPhase;
import dev.alignment.api.v1alpha1.RewardModelSpec;
import dev.alignment.api.v1alpha1.RewardModelStatus;
import dev.alignment.api.v1alpha1.SftSpec;
import dev.alignment.api.v1alpha1.UriSource;
import dev.alignment.operator.config.OperatorConfig;
import dev.alignment.operator.uri.UriPolicy;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

/** Resources for unit tests, as a user would write them. */
public final class Fixtures {
  /** The URI policy of the operator's default config. */
  public static final UriPolicy URIS = UriPolicy.of(OperatorConfig.defaults());

  private Fixtures() {}

  public static AlignmentRun dpoRun(String name) {
    AlignmentRun run = new AlignmentRun();
    run.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("team-a").withUid("uid-" + name)
        .withGeneration(1L).build());
    AlignmentRunSpec spec = new AlignmentRunSpec();
    spec.algorithm = Algorithm.DPO;
    spec.preferenceDataset = "prefs";
    spec.sft = new SftSpec();
    spec.sft.dataset = new UriSource("builtin://sentiment/sft");
    run.setSpec(spec);
    return run;
  }

  public static PreferenceDataset readyDataset(String name, String uri) {
    PreferenceDataset pds = new PreferenceDataset();
    pds.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("team-a").build());
    pds.setSpec(new PreferenceDatasetSpec());
    pds.getSpec().source = new DatasetSource();
    pds.getSpec().source.uri = "builtin://sentiment/preferences";
    pds.setStatus(new PreferenceDatasetStatus());
    pds.getStatus().phase = DatasetPhase.Ready;
    pds.getStatus().uri = uri;
    return pds;
  }

  public static RewardModel readyRewardModel(String name, String checkpoint) {
    RewardModel rm = new RewardModel();
    rm.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("team-a").build());
    rm.setSpec(new RewardModelSpec());
    rm.setStatus(new RewardModelStatus());
    rm.getStatus().phase = RewardModelPhase.Ready;
    rm.getStatus().checkpoint = checkpoint;
    return rm;
  }
}
