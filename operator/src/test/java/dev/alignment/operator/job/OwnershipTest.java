package dev.alignment.operator.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alignment.api.v1alpha1.AlignmentRun;
import dev.alignment.operator.Fixtures;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An object is a resource's own only when its controller reference carries that resource's UID. */
class OwnershipTest {
  private final AlignmentRun run = Fixtures.dpoRun("demo");

  @Test
  void anObjectWithThisRunsControllerReferenceIsOwned() {
    assertThat(Ownership.controlledBy(object(Ownership.controllerReference(run)), run)).isTrue();
  }

  @Test
  void noOwnerAnotherOwnerOrAPredecessorOfTheSameNameIsNotOwned() {
    OwnerReference predecessor = new OwnerReferenceBuilder(Ownership.controllerReference(run)).withUid("uid-deleted").build();
    OwnerReference notController = new OwnerReferenceBuilder(Ownership.controllerReference(run)).withController(false).build();
    OwnerReference other = new OwnerReferenceBuilder(Ownership.controllerReference(Fixtures.dpoRun("other"))).build();

    assertThat(Ownership.controlledBy(object(), run)).as("no owner").isFalse();
    assertThat(Ownership.controlledBy(object(predecessor), run)).as("same kind and name, another UID").isFalse();
    assertThat(Ownership.controlledBy(object(notController), run)).as("owner but not controller").isFalse();
    assertThat(Ownership.controlledBy(object(other), run)).as("another run").isFalse();
  }

  @Test
  void anOwnerWithoutAUidOwnsNothing() {
    AlignmentRun unsaved = Fixtures.dpoRun("demo");
    unsaved.getMetadata().setUid(null);
    OwnerReference noUid = new OwnerReferenceBuilder(Ownership.controllerReference(run)).withUid(null).build();

    assertThat(Ownership.controlledBy(object(noUid), unsaved)).isFalse();
  }

  @Test
  void ownedKeepsOnlyTheOwnersObjects() {
    ConfigMap mine = object(Ownership.controllerReference(run));
    ConfigMap planted = object();

    assertThat(Ownership.owned(run, List.of(planted, mine))).containsExactly(mine);
  }

  private static ConfigMap object(OwnerReference... refs) {
    return new ConfigMapBuilder().withNewMetadata().withName("demo-dpo-config").withOwnerReferences(refs).endMetadata()
        .build();
  }
}
