package dev.alignment.trainer.hf;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Picks a next token from one row of logits as transformers' generate does: argmax at temperature 0, else a draw
 * from softmax(logits / temperature) cut to the top-p nucleus (the most likely tokens whose preceding mass is below
 * top_p), from a generator seeded once so the same seed gives the same tokens.
 */
final class TokenSampler {
  private final double temperature;
  private final double topP;
  private final Random random;

  TokenSampler(GenerationSettings settings) {
    temperature = settings.temperature();
    topP = settings.topP();
    random = new Random(settings.seed());
  }

  int next(float[] logits) {
    if (temperature == 0) {
      return argMax(logits);
    }
    double max = logits[argMax(logits)];
    double[] weights = new double[logits.length];
    double total = 0;
    for (int i = 0; i < logits.length; i++) {
      weights[i] = Math.exp((logits[i] - max) / temperature);
      total += weights[i];
    }
    Integer[] order = IntStream.range(0, logits.length).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble(i -> -weights[i]));
    int kept = 0;
    double mass = 0;
    while (kept < order.length && mass < topP * total) {
      mass += weights[order[kept++]];
    }
    double draw = random.nextDouble() * mass;
    for (int k = 0; k < kept - 1; k++) {
      draw -= weights[order[k]];
      if (draw < 0) {
        return order[k];
      }
    }
    return order[kept - 1];
  }

  private static int argMax(float[] values) {
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      if (values[i] > values[best]) {
        best = i;
      }
    }
    return best;
  }
}
