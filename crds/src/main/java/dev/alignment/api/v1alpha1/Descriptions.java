package dev.alignment.api.v1alpha1;

import dev.alignment.contract.Defaults;

/** Descriptions of spec fields that mean the same wherever they appear, written once. */
final class Descriptions {
  static final String MAX_GRAD_NORM = "Clip the gradients' global L2 norm to this before each optimizer step; 0 turns "
      + "clipping off. Default " + Defaults.MAX_GRAD_NORM + " (TRL's).";
  static final String RETRY_ON_OUT_OF_MEMORY = "true retries a stage whose trainer was killed at its memory limit "
      + "(OOMKilled) like any retryable failure, within maxRetries. Default false: such a stage fails at once, naming the "
      + "limit, since the same limit fails the same way; raise resources.memory instead.";

  private Descriptions() {}
}
