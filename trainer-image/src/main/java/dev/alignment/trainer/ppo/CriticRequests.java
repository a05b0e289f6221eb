package dev.alignment.trainer.ppo;

import dev.alignment.trainer.model.Sequence;
import java.util.List;

/**
 * Checks a parsed call to the critic before it acts on it: present fields, steps >= 0, the critic's vocabulary,
 * token ids within it, no more rollouts, completion tokens or minibatch indices than the PPO settings allow, finite
 * values. What fails is an {@link InvalidRequestException} (400) naming the field; nothing has changed by then.
 */
final class CriticRequests {
  private final CriticLimits limits;

  CriticRequests(CriticLimits limits) {
    this.limits = limits;
  }

  CriticProtocol.Resume resume(CriticProtocol.Resume r) {
    present(r);
    step(r.step());
    if (r.vocabSize() != limits.vocabSize()) {
      throw InvalidRequestException.badRequest("the critic's model has a vocabulary of " + limits.vocabSize()
          + " tokens and the policy one of " + r.vocabSize() + ": PPO needs the policy's tokenizer");
    }
    return r;
  }

  CriticProtocol.Step checkpoint(CriticProtocol.Step s) {
    present(s);
    step(s.step());
    return s;
  }

  CriticProtocol.Rollouts rollouts(CriticProtocol.Rollouts r) {
    present(r);
    sequences(r.rollouts());
    return r;
  }

  ValueBatch update(ValueBatch b) {
    present(b);
    step(b.step());
    sequences(b.rollouts());
    values("returns", b.returns(), b.rollouts().size());
    values("oldValues", b.oldValues(), b.rollouts().size());
    if (b.minibatches() == null) {
      throw bad("minibatches: missing");
    }
    long indices = 0;
    for (int[] minibatch : b.minibatches()) {
      if (minibatch == null || minibatch.length == 0) {
        throw bad("minibatches: an empty minibatch");
      }
      indices += minibatch.length;
      for (int index : minibatch) {
        if (index < 0 || index >= b.rollouts().size()) {
          throw bad("minibatches: index " + index + " is not one of the " + b.rollouts().size() + " rollouts");
        }
      }
    }
    if (indices > limits.maxMinibatchIndices()) {
      throw bad("minibatches: " + indices + " indices, more than epochs times rollouts (" + limits.maxMinibatchIndices() + ")");
    }
    return b;
  }

  /** JSON {@code null} (or an empty body) parses to no request at all. */
  private static void present(Object request) {
    if (request == null) {
      throw bad("the body is not a JSON object");
    }
  }

  private static void step(int step) {
    if (step < 0) {
      throw bad("step: must be >= 0, got " + step);
    }
  }

  private void sequences(List<Sequence> rollouts) {
    if (rollouts == null || rollouts.isEmpty() || rollouts.size() > limits.maxRollouts()) {
      throw bad("rollouts: between 1 and " + limits.maxRollouts() + " sequences (ppo.rolloutBatchSize), got "
          + (rollouts == null ? "none" : rollouts.size()));
    }
    for (int i = 0; i < rollouts.size(); i++) {
      Sequence s = rollouts.get(i);
      if (s == null || s.prompt() == null || s.completion() == null || s.prompt().length == 0 || s.completion().length == 0) {
        throw bad("rollouts[" + i + "]: a prompt and a completion of at least one token each");
      }
      if (s.completion().length > limits.maxCompletionTokens()) {
        throw bad("rollouts[" + i + "].completion: more than " + limits.maxCompletionTokens() + " tokens");
      }
      tokens("rollouts[" + i + "].prompt", s.prompt());
      tokens("rollouts[" + i + "].completion", s.completion());
    }
  }

  private void tokens(String field, int[] ids) {
    for (int id : ids) {
      if (id < 0 || id >= limits.vocabSize()) {
        throw bad(field + ": token id " + id + " is outside the vocabulary of " + limits.vocabSize());
      }
    }
  }

  private static void values(String field, double[][] rows, int count) {
    if (rows == null || rows.length != count) {
      throw bad(field + ": one row per rollout (" + count + ")");
    }
    for (int i = 0; i < rows.length; i++) {
      if (rows[i] == null) {
        throw bad(field + "[" + i + "]: missing");
      }
      for (double v : rows[i]) {
        if (!Double.isFinite(v)) {
          throw bad(field + "[" + i + "]: not a finite number");
        }
      }
    }
  }

  private static InvalidRequestException bad(String message) {
    return InvalidRequestException.badRequest(message);
  }
}
