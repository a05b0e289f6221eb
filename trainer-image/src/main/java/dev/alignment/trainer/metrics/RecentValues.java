package dev.alignment.trainer.metrics;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The last few steps' values (ten unless told), whose per-name means are a training stage's final metrics. */
public final class RecentValues {
  private static final int DEFAULT_WINDOW = 10;

  private final int window;
  private final Deque<Map<String, Double>> recent = new ArrayDeque<>();

  public RecentValues() {
    this(DEFAULT_WINDOW);
  }

  public RecentValues(int window) {
    this.window = window;
  }

  public void add(Map<String, Double> values) {
    recent.addLast(new LinkedHashMap<>(values));
    if (recent.size() > window) {
      recent.removeFirst();
    }
  }

  /** The mean of each name over the steps that reported it. */
  public Map<String, Double> means() {
    Map<String, Double> sums = new LinkedHashMap<>();
    Map<String, Integer> counts = new LinkedHashMap<>();
    recent.forEach(values -> values.forEach((k, v) -> {
      sums.merge(k, v, Double::sum);
      counts.merge(k, 1, Integer::sum);
    }));
    sums.replaceAll((k, v) -> v / counts.get(k));
    return sums;
  }

  /** The window, oldest first, for a checkpoint. */
  public List<Map<String, Double>> snapshot() {
    return new ArrayList<>(recent);
  }

  public void restore(List<Map<String, Double>> values) {
    recent.clear();
    values.forEach(this::add);
  }
}
