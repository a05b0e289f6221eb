package dev.alignment.trainer.model;

import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.alignment.trainer.base.BadInputException;
import dev.alignment.trainer.base.Json;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A stage's checkpoints under {@code <outputDir>/checkpoints/step-NNNNNNNN}: model parameters, optimizer moments, the
 * step and any further state of the stage (state.json). The data order and sampling generator are derived from
 * (seed, step), so the step restores them too. Each is written atomically; the two newest are kept.
 */
public final class Checkpoints {
  private static final Pattern NAME = Pattern.compile("step-(\\d+)");
  private static final String MODEL = "model.params";
  private static final String OPTIMIZER = "optimizer.bin";
  private static final String STATE = "state.json";
  private static final int KEEP = 2;

  private final Path dir;

  /** A restored checkpoint: its step and the stage's state saved with it ({@code step} included). */
  public record Restored(int step, JsonObject state) {}

  public Checkpoints(Path dir) {
    this.dir = dir;
  }

  public void save(int step, TransformerModel model, AdamOptimizer optimizer) throws IOException {
    save(step, model, optimizer, new JsonObject());
  }

  /** Saves step {@code step} with the stage's {@code state} beside the parameters; replaces one of the same step. */
  public void save(int step, TransformerModel model, AdamOptimizer optimizer, JsonObject state) throws IOException {
    JsonObject withStep = state.deepCopy();
    withStep.addProperty("step", step);
    AtomicDirectory.write(path(step), temp -> {
      ParameterFiles.write(model.network().block(), temp.resolve(MODEL));
      try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temp.resolve(OPTIMIZER))))) {
        optimizer.save(out);
      }
      Files.writeString(temp.resolve(STATE), Json.GSON.toJson(withStep));
    });
    List<Path> all = complete();
    for (Path old : all.subList(0, Math.max(0, all.size() - KEEP))) {
      AtomicDirectory.deleteRecursively(old);
    }
  }

  /**
   * Loads the newest complete checkpoint into the model and optimizer, or empty when there is none. What interrupted
   * saves left behind is deleted.
   */
  public Optional<Restored> restoreNewest(TransformerModel model, AdamOptimizer optimizer, NDManager manager) throws IOException {
    deleteInterruptedSaves();
    List<Path> all = complete();
    if (all.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(load(all.get(all.size() - 1), model, optimizer, manager));
  }

  /** Loads exactly step {@code step}; a missing one is an error that lists the steps there are. */
  public Restored restore(int step, TransformerModel model, AdamOptimizer optimizer, NDManager manager) throws IOException {
    deleteInterruptedSaves();
    if (!Files.isDirectory(path(step))) {
      throw new BadInputException("checkpoint " + path(step) + " is missing (complete checkpoints there: "
          + complete().stream().map(Checkpoints::step).toList() + ")");
    }
    return load(path(step), model, optimizer, manager);
  }

  /** Deletes the checkpoints of steps after {@code step}: a peer restarted at {@code step} will write them again. */
  public void deleteAfter(int step) throws IOException {
    for (Path later : complete().stream().filter(p -> step(p) > step).toList()) {
      AtomicDirectory.deleteRecursively(later);
    }
  }

  private Restored load(Path checkpoint, TransformerModel model, AdamOptimizer optimizer, NDManager manager) throws IOException {
    ParameterFiles.read(model.network().block(), checkpoint.resolve(MODEL), manager);
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(checkpoint.resolve(OPTIMIZER))))) {
      optimizer.load(in, manager);
    }
    JsonObject state = JsonParser.parseString(Files.readString(checkpoint.resolve(STATE))).getAsJsonObject();
    return new Restored(state.get("step").getAsInt(), state);
  }

  private Path path(int step) {
    return dir.resolve(String.format("step-%08d", step));
  }

  private void deleteInterruptedSaves() throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path temp : entries.filter(p -> p.getFileName().toString().startsWith(AtomicDirectory.TEMP_PREFIX)).toList()) {
        AtomicDirectory.deleteRecursively(temp);
      }
    }
  }

  /** Renamed-into-place checkpoint directories, oldest first; temporary ones are ignored. */
  public List<Path> complete() throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.filter(p -> NAME.matcher(p.getFileName().toString()).matches())
          .sorted(Comparator.comparingInt(Checkpoints::step)).toList();
    }
  }

  public static int step(Path checkpoint) {
    Matcher m = NAME.matcher(checkpoint.getFileName().toString());
    if (!m.matches()) {
      throw new IllegalArgumentException(checkpoint + " is not a checkpoint directory");
    }
    return Integer.parseInt(m.group(1));
  }
}
