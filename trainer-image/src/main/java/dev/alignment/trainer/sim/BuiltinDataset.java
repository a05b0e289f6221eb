package dev.alignment.trainer.sim;

import dev.alignment.trainer.base.BadInputException;
import java.util.HashMap;
import java.util.Map;

/**
 * A {@code builtin://sentiment/<kind>[?count=N&noise=P&seed=S]} URI: {@code sft} demonstrations, {@code prompts}
 * (held-out openings) or {@code preferences} (labelled by the gold reward with label noise).
 */
public record BuiltinDataset(String kind, int count, double noise, long seed) {
  public static final String PREFIX = "builtin://sentiment/";
  private static final Map<String, Integer> DEFAULT_COUNTS = Map.of("sft", 4000, "prompts", 512, "preferences", 2000);

  public static boolean matches(String uri) {
    return uri != null && uri.startsWith(PREFIX);
  }

  public static BuiltinDataset parse(String uri) {
    String rest = uri.substring(PREFIX.length());
    int query = rest.indexOf('?');
    String kind = query < 0 ? rest : rest.substring(0, query);
    if (!DEFAULT_COUNTS.containsKey(kind)) {
      throw new BadInputException("unknown built-in dataset '" + uri + "' (known: " + PREFIX + "sft, prompts, preferences)");
    }
    Map<String, String> params = new HashMap<>();
    if (query >= 0) {
      for (String pair : rest.substring(query + 1).split("&")) {
        String[] kv = pair.split("=", 2);
        if (kv.length != 2 || !Map.of("count", 0, "noise", 0, "seed", 0).containsKey(kv[0])) {
          throw new BadInputException(uri + ": unknown parameter '" + pair + "' (known: count, noise, seed)");
        }
        params.put(kv[0], kv[1]);
      }
    }
    try {
      BuiltinDataset d = new BuiltinDataset(kind,
          Integer.parseInt(params.getOrDefault("count", String.valueOf(DEFAULT_COUNTS.get(kind)))),
          Double.parseDouble(params.getOrDefault("noise", "0")),
          Long.parseLong(params.getOrDefault("seed", "0")));
      if (d.count <= 0 || d.noise < 0 || d.noise > 0.5) {
        throw new BadInputException(uri + ": count must be > 0 and noise in [0, 0.5]");
      }
      return d;
    } catch (NumberFormatException e) {
      throw new BadInputException(uri + ": " + e.getMessage(), e);
    }
  }
}
