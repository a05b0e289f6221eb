package dev.alignment.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alignment.api.v1alpha1.AlignmentRun;
import dev.alignment.api.v1alpha1.AlignmentRunStatus;
import dev.alignment.api.v1alpha1.Results;
import dev.alignment.api.v1alpha1.RunPhase;
import dev.alignment.api.v1alpha1.StageStatus;
import dev.alignment.operator.Fixtures;
import dev.alignment.operator.job.CachedViews;
import dev.alignment.operator.sweep.SweepChildren;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PruningItemStoreTest {
  @Test
  void aSweepsChildIsCachedWithWhatTheSweepReadsAndNothingElse() {
    AlignmentRun run = Fixtures.dpoRun("study-0a1b2c3d");
    run.getMetadata().setResourceVersion("42");
    run.getMetadata().setLabels(Map.of(SweepChildren.SWEEP_LABEL, "study"));
    run.getMetadata().setOwnerReferences(List.of(new OwnerReference("alignment.dev/v1alpha1", true, true,
        "AlignmentSweep", "study", "uid-study")));
    run.getMetadata().setManagedFields(List.of(new ManagedFieldsEntry()));
    run.setStatus(new AlignmentRunStatus());
    run.getStatus().phase = RunPhase.Succeeded;
    run.getStatus().results = new Results();
    run.getStatus().results.winRate = 0.9;
    run.getStatus().message = "all stages succeeded";
    run.getStatus().stages.add(new StageStatus());

    PruningItemStore<AlignmentRun> store = new PruningItemStore<>(CachedViews::run);
    store.put(store.getKey(run), run);
    AlignmentRun kept = store.get("team-a/study-0a1b2c3d");

    assertThat(kept.getMetadata().getName()).isEqualTo("study-0a1b2c3d");
    assertThat(kept.getMetadata().getResourceVersion()).isEqualTo("42");
    assertThat(kept.getMetadata().getOwnerReferences()).isEqualTo(run.getMetadata().getOwnerReferences());
    assertThat(kept.getMetadata().getLabels()).containsEntry(SweepChildren.SWEEP_LABEL, "study");
    assertThat(kept.getMetadata().getManagedFields()).isEmpty();
    assertThat(kept.getSpec()).isNull();
    assertThat(kept.getStatus().phase).isEqualTo(RunPhase.Succeeded);
    assertThat(kept.getStatus().results.winRate).isEqualTo(0.9);
    assertThat(kept.getStatus().message).isEqualTo("all stages succeeded");
    assertThat(kept.getStatus().stages).isEmpty();
  }
}
