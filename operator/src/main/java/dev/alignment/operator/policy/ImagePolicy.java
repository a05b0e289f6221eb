package dev.alignment.operator.policy;

import dev.alignment.operator.config.AllowList;
import java.util.List;

/** spec.image: the operator's trainerImage, or an image its allowedImages permits. */
record ImagePolicy(String trainerImage, AllowList allowedImages) implements PodPolicy {
  @Override
  public List<Refusal> check(PodOverrides overrides) {
    String image = overrides.image();
    if (image == null || image.equals(trainerImage) || allowedImages.permits(image)) {
      return List.of();
    }
    return List.of(Refusal.notAllowed("spec.image", image, allowedImages));
  }
}
