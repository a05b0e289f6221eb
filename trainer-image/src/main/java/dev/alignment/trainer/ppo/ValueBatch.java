package dev.alignment.trainer.ppo;

import dev.alignment.trainer.model.Sequence;
import java.util.List;

/**
 * One iteration's value update: the rollouts, their returns and the values measured at rollout time (the centre of the
 * value clipping), per completion token, and the minibatches (indices into the rollouts, all epochs in order).
 */
public record ValueBatch(int step, List<Sequence> rollouts, double[][] returns, double[][] oldValues, List<int[]> minibatches) {}
