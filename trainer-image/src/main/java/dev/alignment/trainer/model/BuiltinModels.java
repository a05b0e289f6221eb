package dev.alignment.trainer.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.alignment.trainer.base.BadInputException;
import dev.alignment.trainer.base.Json;
import dev.alignment.trainer.data.TextTokenizer;
import dev.alignment.trainer.data.Tokenizers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Models on the built-in transformer: fresh ones of a preset ({@code builtin://tiny|small}) and saved ones in its DJL
 * format. A scalar model can start from a saved language model: it takes the body and gets a fresh head.
 */
public final class BuiltinModels {
  private static final Object SEEDED_INIT = new Object();

  private BuiltinModels() {}

  /**
   * A new model with parameters drawn from the engine's generator seeded with {@code seed}. The generator is one per
   * JVM, so seeding and drawing hold a lock: models made on two threads (an in-process PPO critic) stay reproducible.
   */
  public static BuiltinNetwork fresh(ModelKind kind, Architecture architecture, int vocabSize, NDManager manager, long seed) {
    synchronized (SEEDED_INIT) {
      Engine.getInstance().setRandomSeed((int) seed);
      return new BuiltinNetwork(kind, architecture, vocabSize, manager);
    }
  }

  /** Whether a directory holds a model saved in this format. */
  public static boolean isSaved(Path dir) {
    return Files.isRegularFile(dir.resolve(BuiltinNetwork.MANIFEST));
  }

  /** Loads a saved model directory as {@code kind}, refusing a scalar model where a language model is wanted. */
  public static Saved load(Path dir, String uri, ModelKind kind, NDManager manager, long seed) throws IOException {
    Path manifestFile = dir.resolve(BuiltinNetwork.MANIFEST);
    ModelKind saved;
    Architecture architecture;
    try {
      JsonObject manifest = JsonParser.parseString(Files.readString(manifestFile)).getAsJsonObject();
      saved = ModelKind.valueOf(manifest.get("kind").getAsString());
      architecture = Objects.requireNonNull(Json.GSON.fromJson(manifest.get("architecture"), Architecture.class), "no architecture");
    } catch (RuntimeException e) {
      throw new BadInputException(manifestFile + ": not a model manifest (kind, architecture): " + e.getMessage(), e);
    }
    if (saved == ModelKind.SCALAR && kind == ModelKind.LANGUAGE) {
      throw new BadInputException("model " + uri + " is a reward/value model; this stage needs a language model");
    }
    TextTokenizer tokenizer = Tokenizers.loadSaved(dir);
    BuiltinNetwork network = fresh(kind, architecture, tokenizer.vocabSize(), manager, seed);
    network.readSaved(dir, saved, manager);
    return new Saved(network, tokenizer);
  }

  /** A saved model's network and the tokenizer saved beside it. */
  public record Saved(BuiltinNetwork network, TextTokenizer tokenizer) {}
}
