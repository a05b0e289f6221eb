package dev.alignment.trainer.model;

import dev.alignment.trainer.StageConfig;
import java.util.Optional;

/** A model as a config names it: {@code uri} (builtin://tiny, builtin://small, file://...), tokenizer, architecture. */
public record ModelReference(String uri, String tokenizer, Optional<StageConfig> architecture) {
  public static ModelReference from(StageConfig config) {
    return new ModelReference(config.string("uri"), config.optString("tokenizer").orElse(null), config.optObject("architecture"));
  }

  /** A saved model directory or built-in preset given by URI alone. */
  public static ModelReference of(String uri) {
    return new ModelReference(uri, null, Optional.empty());
  }
}
