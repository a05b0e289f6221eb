package dev.alignment.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;

/** The quantities the losses are built from: completion log-probabilities under a policy and rewards of a scalar model. */
public final class Scoring {
  private Scoring() {}

  /** Per-token log pi(y_t | x, y_<t) of the targets, (B, L - 1); zero outside the completion. */
  public static NDArray tokenLogProbs(LanguageModel model, ParameterStore ps, TokenBatch batch, NDManager manager, boolean training) {
    return tokenLogProbs(model, ps, batch, manager, training, 1.0);
  }

  /**
   * The same under the distribution sampled at {@code temperature}, softmax(logits / temperature): PPO's ratios and KL
   * are taken against the distribution its rollouts were drawn from.
   */
  public static NDArray tokenLogProbs(LanguageModel model, ParameterStore ps, TokenBatch batch, NDManager manager,
      boolean training, double temperature) {
    NDArray logits = model.forward(ps, batch.inputs(manager), training);
    if (temperature != 1.0) {
      logits = logits.div(Scalars.of(logits, temperature));
    }
    NDArray targets = batch.targets(manager).expandDims(-1);
    return logits.logSoftmax(-1).gather(targets, -1).squeeze(-1).mul(batch.completionMask(manager));
  }

  /** log pi(y | x): the sum over completion tokens, (B). DPO, IPO, cDPO and the evaluation metrics use these sums. */
  public static NDArray sequenceLogProbs(LanguageModel model, ParameterStore ps, TokenBatch batch, NDManager manager, boolean training) {
    return tokenLogProbs(model, ps, batch, manager, training).sum(new int[] {1});
  }

  /**
   * V(s_t): a value model's output at the input position before each completion target (the state in which that token
   * was chosen), (B, L - 1); zero outside the completion.
   */
  public static NDArray tokenValues(ScalarModel model, ParameterStore ps, TokenBatch batch, NDManager manager, boolean training) {
    return model.forward(ps, batch.inputs(manager), training).mul(batch.completionMask(manager));
  }

  /** r(x, y): the scalar model's output at the position its network reads scores (the last token), (B). */
  public static NDArray rewards(ScalarModel model, ParameterStore ps, TokenBatch batch, NDManager manager, boolean training) {
    return model.forward(ps, batch.tokens(manager), training)
        .mul(model.network().scorePositions(batch, manager)).sum(new int[] {1});
  }
}
