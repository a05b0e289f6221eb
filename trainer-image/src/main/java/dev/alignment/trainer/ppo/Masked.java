package dev.alignment.trainer.ppo;

import ai.djl.ndarray.NDArray;

/** Means over the completion tokens of a (B, L - 1) batch, the unit PPO's losses and statistics average over. */
final class Masked {
  private Masked() {}

  static NDArray mean(NDArray values, NDArray mask) {
    return values.mul(mask).sum().div(mask.sum());
  }
}
