package dev.alignment.contract;

/** A trainer command's config: the shared {@link StageHeader} and the command's own keys. */
public interface CommandConfig {
  StageHeader header();
}
