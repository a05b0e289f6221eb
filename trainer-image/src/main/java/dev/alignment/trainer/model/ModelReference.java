package dev.alignment.trainer.model;

import dev.alignment.contract.ArchitectureRef;
import dev.alignment.contract.Defaults;
import dev.alignment.contract.ModelRef;
import dev.alignment.contract.Overlong;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A model as a config names it: {@code uri} (builtin://tiny, builtin://gpt2-tiny, file://...), tokenizer,
 * architecture, a chat template overriding the tokenizer's, and the longest sequence to feed it.
 */
public record ModelReference(String uri, String tokenizer, Optional<ArchitectureRef> architecture,
    Optional<String> chatTemplate, OptionalInt maxLength, Overlong overlong) {
  public static ModelReference from(ModelRef ref) {
    return new ModelReference(ref.uri(), ref.tokenizer(), Optional.ofNullable(ref.architecture()),
        Optional.ofNullable(ref.chatTemplate()),
        ref.maxLength() == null ? OptionalInt.empty() : OptionalInt.of(ref.maxLength()),
        Objects.requireNonNullElse(ref.overlong(), Defaults.OVERLONG));
  }

  /** A saved model directory or built-in preset given by URI alone. */
  public static ModelReference of(String uri) {
    return new ModelReference(uri, null, Optional.empty(), Optional.empty(), OptionalInt.empty(), Defaults.OVERLONG);
  }
}
