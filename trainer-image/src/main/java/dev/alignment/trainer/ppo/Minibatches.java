package dev.alignment.trainer.ppo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/** PPO's minibatch plan, every epoch a fresh shuffle of the rollouts cut into minibatches, and the rows of one. */
final class Minibatches {
  private Minibatches() {}

  static List<int[]> plan(int rollouts, int size, int epochs, Random random) {
    List<int[]> out = new ArrayList<>();
    for (int epoch = 0; epoch < epochs; epoch++) {
      List<Integer> order = new ArrayList<>(IntStream.range(0, rollouts).boxed().toList());
      Collections.shuffle(order, random);
      for (int start = 0; start < rollouts; start += size) {
        out.add(order.subList(start, Math.min(rollouts, start + size)).stream().mapToInt(Integer::intValue).toArray());
      }
    }
    return out;
  }

  static double[][] rows(double[][] values, int[] minibatch) {
    return Arrays.stream(minibatch).mapToObj(i -> values[i]).toArray(double[][]::new);
  }
}
