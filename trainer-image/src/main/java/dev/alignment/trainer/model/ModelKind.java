package dev.alignment.trainer.model;

/** What a saved model's head computes: next-token logits (policies) or a scalar per position (reward, value). */
public enum ModelKind {
  LANGUAGE,
  SCALAR
}
