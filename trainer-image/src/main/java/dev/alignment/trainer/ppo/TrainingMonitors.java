package dev.alignment.trainer.ppo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Watches PPO iterations for the usual signs of trouble and warns once when each begins (again only after it has
 * cleared): {@code negative_kl} (mean KL below -0.1 nats per sequence: a sampling or scoring mismatch),
 * {@code entropy_collapse} (entropy per token under 10% of the first iteration's) and {@code length_runaway}
 * (mean response length at 95% of maxNewTokens or more for 3 iterations running, or above twice the first iteration's).
 */
final class TrainingMonitors {
  static final double NEGATIVE_KL_TOLERANCE = 0.1;
  static final double ENTROPY_FLOOR = 0.1;
  static final double LENGTH_CEILING = 0.95;
  static final int LONG_ITERATIONS = 3;
  static final double LENGTH_GROWTH = 2;

  /** What the monitors remember across iterations, saved in the actor's checkpoints. */
  record State(Double firstEntropyPerToken, Double firstLength, int longIterations, List<String> active) {}

  /** A warning that begins at this iteration. */
  record Warning(String kind, String message) {}

  private final int maxNewTokens;
  private Double firstEntropyPerToken;
  private Double firstLength;
  private int longIterations;
  private final TreeSet<String> active = new TreeSet<>();

  TrainingMonitors(int maxNewTokens) {
    this.maxNewTokens = maxNewTokens;
  }

  List<Warning> observe(Map<String, Double> metrics) {
    double kl = metrics.get("objective/kl");
    double length = metrics.get("response_length");
    double entropyPerToken = metrics.get("objective/entropy") / length;
    if (firstEntropyPerToken == null) {
      firstEntropyPerToken = entropyPerToken;
      firstLength = length;
    }
    longIterations = length >= LENGTH_CEILING * maxNewTokens ? longIterations + 1 : 0;
    List<Warning> out = new ArrayList<>();
    check(out, "negative_kl", kl < -NEGATIVE_KL_TOLERANCE, String.format(Locale.ROOT,
        "mean KL to the reference is %.3f nats, below zero: the rollouts' log-probabilities do not match the policy's", kl));
    check(out, "entropy_collapse", entropyPerToken < ENTROPY_FLOOR * firstEntropyPerToken, String.format(Locale.ROOT,
        "entropy is %.3f nats per token, under %.0f%% of the first iteration's %.3f: the policy has nearly stopped exploring",
        entropyPerToken, 100 * ENTROPY_FLOOR, firstEntropyPerToken));
    check(out, "length_runaway", longIterations >= LONG_ITERATIONS || length > LENGTH_GROWTH * firstLength, String.format(Locale.ROOT,
        "mean response length is %.1f tokens (maxNewTokens %d, first iteration %.1f): the policy may be gaming length",
        length, maxNewTokens, firstLength));
    return out;
  }

  private void check(List<Warning> out, String kind, boolean holds, String message) {
    if (holds && active.add(kind)) {
      out.add(new Warning(kind, message));
    } else if (!holds) {
      active.remove(kind);
    }
  }

  State state() {
    return new State(firstEntropyPerToken, firstLength, longIterations, List.copyOf(active));
  }

  void restore(State state) {
    firstEntropyPerToken = state.firstEntropyPerToken();
    firstLength = state.firstLength();
    longIterations = state.longIterations();
    active.clear();
    active.addAll(state.active());
  }
}
