package dev.alignment.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Samples completions from a language model at a temperature, token by token, until end-of-sequence or a length limit. */
public record Sampler(LanguageModel model, double temperature, int maxNewTokens) {
  /** One completion per prompt; each is closed by end-of-sequence unless it hit the limit or the context. */
  public List<Sequence> sample(List<int[]> prompts, NDManager manager, Random random) {
    int batch = prompts.size();
    int context = model.contextLength();
    int eos = model.tokenizer().eosId();
    List<List<Integer>> completions = new ArrayList<>();
    int[][] rows = new int[batch][];
    boolean[] done = new boolean[batch];
    for (int i = 0; i < batch; i++) {
      int[] p = prompts.get(i);
      rows[i] = Arrays.copyOfRange(p, Math.max(0, p.length - context / 2), p.length);
      completions.add(new ArrayList<>());
    }
    if (model.network() instanceof CachedSampling cached) {
      return sampleCached(cached, prompts, rows, context, manager, random);
    }
    ParameterStore ps = new ParameterStore(manager, false);
    for (int step = 0; step < maxNewTokens; step++) {
      float[] probabilities = nextTokenProbabilities(ps, rows, manager);
      int vocab = probabilities.length / batch;
      boolean any = false;
      for (int i = 0; i < batch; i++) {
        if (done[i]) {
          continue;
        }
        int token = draw(probabilities, i * vocab, vocab, random);
        rows[i] = Arrays.copyOf(rows[i], rows[i].length + 1);
        rows[i][rows[i].length - 1] = token;
        completions.get(i).add(token);
        done[i] = token == eos || rows[i].length >= context;
        any |= !done[i];
      }
      if (!any) {
        break;
      }
    }
    List<Sequence> out = new ArrayList<>(batch);
    for (int i = 0; i < batch; i++) {
      out.add(new Sequence(prompts.get(i), completions.get(i).stream().mapToInt(Integer::intValue).toArray()));
    }
    return out;
  }

  /** The same through the network's KV cache, every row stopping by the context the longest prompt leaves. */
  private List<Sequence> sampleCached(CachedSampling cached, List<int[]> prompts, int[][] rows, int context,
      NDManager manager, Random random) {
    int longest = Arrays.stream(rows).mapToInt(r -> r.length).max().orElse(0);
    int room = Math.min(maxNewTokens, context - longest);
    if (room < 1) {
      throw new IllegalArgumentException("prompts of " + longest + " tokens leave no room in a context of " + context);
    }
    List<int[]> completions = cached.sample(Arrays.asList(rows), temperature, room, manager, random);
    List<Sequence> out = new ArrayList<>(rows.length);
    for (int i = 0; i < rows.length; i++) {
      out.add(new Sequence(prompts.get(i), completions.get(i)));
    }
    return out;
  }

  /** Softmax(logits / temperature) at each row's last position, flattened (B * V). */
  private float[] nextTokenProbabilities(ParameterStore ps, int[][] rows, NDManager parent) {
    try (NDManager manager = parent.newSubManager()) {
      int batch = rows.length;
      int length = Arrays.stream(rows).mapToInt(r -> r.length).max().orElse(1);
      long[] tokens = new long[batch * length];
      float[] last = new float[batch * length];
      for (int i = 0; i < batch; i++) {
        for (int t = 0; t < rows[i].length; t++) {
          tokens[i * length + t] = rows[i][t];
        }
        last[i * length + rows[i].length - 1] = 1f;
      }
      NDArray logits = model.forward(ps, manager.create(tokens, new Shape(batch, length)), false);
      NDArray atLast = logits.mul(manager.create(last, new Shape(batch, length, 1))).sum(new int[] {1});
      return atLast.div(temperature).softmax(-1).toFloatArray();
    }
  }

  private static int draw(float[] probabilities, int offset, int vocab, Random random) {
    double u = random.nextDouble();
    double cumulative = 0;
    for (int v = 0; v < vocab; v++) {
      cumulative += probabilities[offset + v];
      if (u < cumulative) {
        return v;
      }
    }
    return vocab - 1;
  }
}
