package dev.alignment.operator.job;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.List;
import java.util.Objects;

/**
 * The controller reference that everything the operator creates carries (deleting the owner deletes it), and the
 * test that an object found under an expected name carries it: the owner's UID, not only its kind and name, so an
 * object planted by someone else or left by a deleted owner of the same name is never taken for this owner's.
 */
public final class Ownership {
  private Ownership() {}

  public static OwnerReference controllerReference(HasMetadata owner) {
    return new OwnerReferenceBuilder()
        .withApiVersion(owner.getApiVersion())
        .withKind(owner.getKind())
        .withName(owner.getMetadata().getName())
        .withUid(owner.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }

  /** Whether {@code object}'s controller reference is {@code owner}, by UID; an owner without a UID owns nothing. */
  public static boolean controlledBy(HasMetadata object, HasMetadata owner) {
    String uid = owner.getMetadata().getUid();
    List<OwnerReference> refs = object.getMetadata().getOwnerReferences();
    return uid != null && refs != null && refs.stream()
        .anyMatch(ref -> Boolean.TRUE.equals(ref.getController()) && Objects.equals(uid, ref.getUid()));
  }

  /** The objects of {@code found} that {@code owner} controls; the others are not its own, whatever their labels. */
  public static <T extends HasMetadata> List<T> owned(HasMetadata owner, List<T> found) {
    return found.stream().filter(object -> controlledBy(object, owner)).toList();
  }
}
