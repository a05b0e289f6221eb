package dev.alignment.trainer.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Drawing training batches and cutting work into fixed-size chunks. */
public final class Batches {
  private Batches() {}

  /** {@code size} items drawn uniformly with replacement. */
  public static <T> List<T> sample(List<T> items, int size, Random random) {
    List<T> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      out.add(items.get(random.nextInt(items.size())));
    }
    return out;
  }

  public static <T> List<List<T>> chunks(List<T> items, int size) {
    List<List<T>> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i += size) {
      out.add(items.subList(i, Math.min(items.size(), i + size)));
    }
    return out;
  }
}
