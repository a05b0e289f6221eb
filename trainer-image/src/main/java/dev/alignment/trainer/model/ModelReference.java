package dev.alignment.trainer.model;

import dev.alignment.contract.ArchitectureRef;
import dev.alignment.contract.ModelRef;
import java.util.Optional;

/** A model as a config names it: {@code uri} (builtin://tiny, builtin://small, file://...), tokenizer, architecture. */
public record ModelReference(String uri, String tokenizer, Optional<ArchitectureRef> architecture) {
  public static ModelReference from(ModelRef ref) {
    return new ModelReference(ref.uri(), ref.tokenizer(), Optional.ofNullable(ref.architecture()));
  }

  /** A saved model directory or built-in preset given by URI alone. */
  public static ModelReference of(String uri) {
    return new ModelReference(uri, null, Optional.empty());
  }
}
