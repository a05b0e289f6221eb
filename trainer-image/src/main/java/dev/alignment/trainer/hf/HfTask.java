package dev.alignment.trainer.hf;

/** What a checkpoint's head computes: next-token logits, or one score vector per sequence. */
public enum HfTask {
  CAUSAL_LM,
  SEQUENCE_CLASSIFICATION
}
