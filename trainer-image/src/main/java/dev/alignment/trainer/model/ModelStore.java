package dev.alignment.trainer.model;

import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.alignment.trainer.base.BadInputException;
import dev.alignment.trainer.base.Json;
import dev.alignment.trainer.data.TextTokenizer;
import dev.alignment.trainer.data.Tokenizers;
import dev.alignment.trainer.data.Uris;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Creates, loads and saves models. A saved model is a directory: {@code model.json} (kind, architecture),
 * {@code body.params} and {@code head.params} (DJL parameter files) and the tokenizer's file. A scalar model can start
 * from a saved language model: it takes the body and gets a fresh head.
 */
public final class ModelStore {
  public static final String MANIFEST = "model.json";
  private static final String BODY = "body.params";
  private static final String HEAD = "head.params";
  private static final String BUILTIN = "builtin://";
  private static final Object SEEDED_INIT = new Object();

  private ModelStore() {}

  public static LanguageModel languageModel(ModelReference ref, NDManager manager, long seed) throws IOException {
    return (LanguageModel) load(ref, ModelKind.LANGUAGE, manager, seed);
  }

  public static ScalarModel scalarModel(ModelReference ref, NDManager manager, long seed) throws IOException {
    return (ScalarModel) load(ref, ModelKind.SCALAR, manager, seed);
  }

  private static TransformerModel load(ModelReference ref, ModelKind kind, NDManager manager, long seed) throws IOException {
    if (ref.uri().startsWith(BUILTIN)) {
      String preset = ref.uri().substring(BUILTIN.length());
      return fresh(kind, Architecture.from(ref.architecture(), preset), Tokenizers.load(ref.tokenizer()), manager, seed);
    }
    Path dir = Uris.path(ref.uri(), "model");
    Path manifestFile = dir.resolve(MANIFEST);
    if (!Files.isRegularFile(manifestFile)) {
      throw new BadInputException("model " + ref.uri() + ": no " + MANIFEST + " (not a saved model directory)");
    }
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
      throw new BadInputException("model " + ref.uri() + " is a reward/value model; this stage needs a language model");
    }
    TransformerModel model = fresh(kind, architecture, Tokenizers.loadSaved(dir), manager, seed);
    readParameters(model.body(), dir.resolve(BODY), manager);
    if (saved == kind) {
      readParameters(model.head(), dir.resolve(HEAD), manager);
    }
    return model;
  }

  /**
   * A new model with parameters drawn from the engine's generator seeded with {@code seed}. The generator is one per
   * JVM, so seeding and drawing hold a lock: models made on two threads (an in-process PPO critic) stay reproducible.
   */
  public static TransformerModel fresh(ModelKind kind, Architecture architecture, TextTokenizer tokenizer, NDManager manager, long seed) {
    synchronized (SEEDED_INIT) {
      Engine.getInstance().setRandomSeed((int) seed);
      TransformerModel model = kind == ModelKind.LANGUAGE
          ? new LanguageModel(architecture, tokenizer) : new ScalarModel(architecture, tokenizer);
      model.initialize(manager);
      return model;
    }
  }

  public static void save(TransformerModel model, Path dir) throws IOException {
    AtomicDirectory.write(dir, temp -> {
      Map<String, Object> manifest = Map.of("kind", model.kind().name(), "architecture", model.architecture());
      Files.writeString(temp.resolve(MANIFEST), Json.GSON.toJson(manifest));
      writeParameters(model.body(), temp.resolve(BODY));
      writeParameters(model.head(), temp.resolve(HEAD));
      model.tokenizer().saveTo(temp);
    });
  }

  static void writeParameters(Block block, Path file) throws IOException {
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
      block.saveParameters(out);
    }
  }

  static void readParameters(Block block, Path file, NDManager manager) throws IOException {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      block.loadParameters(manager, in);
    } catch (MalformedModelException | NoSuchFileException e) {
      throw new BadInputException(file + ": unreadable model parameters: " + e.getMessage(), e);
    }
  }
}
