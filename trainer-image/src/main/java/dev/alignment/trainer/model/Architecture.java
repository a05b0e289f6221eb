package dev.alignment.trainer.model;

import dev.alignment.contract.ArchitectureRef;
import dev.alignment.trainer.base.BadInputException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** The shape of the decoder-only transformer: layers, attention heads, residual width and context length. */
public record Architecture(int layers, int heads, int hiddenSize, int contextLength) {
  public static final Architecture TINY = new Architecture(2, 2, 64, 32);
  public static final Architecture SMALL = new Architecture(4, 4, 128, 64);

  public Architecture {
    if (layers < 1 || heads < 1 || hiddenSize < 8 || contextLength < 8) {
      throw new BadInputException("architecture " + describe(layers, heads, hiddenSize, contextLength)
          + ": layers and heads must be >= 1, hiddenSize and contextLength >= 8");
    }
    if (hiddenSize % heads != 0) {
      throw new BadInputException("architecture " + describe(layers, heads, hiddenSize, contextLength)
          + ": heads (" + heads + ") must divide hiddenSize (" + hiddenSize + ")");
    }
  }

  public static Architecture preset(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "tiny" -> TINY;
      case "small" -> SMALL;
      default -> throw new BadInputException("unknown architecture preset '" + name + "' (known: tiny, small)");
    };
  }

  /** A preset (from the config's {@code preset}, else {@code fallbackPreset}) with the config's explicit fields on top. */
  public static Architecture from(Optional<ArchitectureRef> config, String fallbackPreset) {
    if (config.isEmpty()) {
      return preset(fallbackPreset);
    }
    ArchitectureRef c = config.get();
    Architecture base = preset(c.preset() == null ? fallbackPreset : c.preset().name());
    return new Architecture(
        Objects.requireNonNullElse(c.layers(), base.layers),
        Objects.requireNonNullElse(c.heads(), base.heads),
        Objects.requireNonNullElse(c.hiddenSize(), base.hiddenSize),
        Objects.requireNonNullElse(c.contextLength(), base.contextLength));
  }

  private static String describe(int layers, int heads, int hiddenSize, int contextLength) {
    return "{layers=" + layers + ", heads=" + heads + ", hiddenSize=" + hiddenSize + ", contextLength=" + contextLength + "}";
  }
}
