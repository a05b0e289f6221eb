package dev.alignment.trainer.store;

import ai.djl.ndarray.NDManager;
import dev.alignment.trainer.base.BadInputException;
import dev.alignment.trainer.data.TextTokenizer;
import dev.alignment.trainer.data.Tokenizers;
import dev.alignment.trainer.data.Uris;
import dev.alignment.trainer.data.WordTokenizer;
import dev.alignment.trainer.hf.HfModels;
import dev.alignment.trainer.hf.HfNetwork;
import dev.alignment.trainer.model.Architecture;
import dev.alignment.trainer.model.BuiltinModels;
import dev.alignment.trainer.model.BuiltinNetwork;
import dev.alignment.trainer.model.LanguageModel;
import dev.alignment.trainer.model.ModelKind;
import dev.alignment.trainer.model.ModelReference;
import dev.alignment.trainer.model.Network;
import dev.alignment.trainer.model.ScalarModel;
import dev.alignment.trainer.model.TransformerModel;
import dev.alignment.trainer.storage.S3Access;
import dev.alignment.trainer.storage.S3Uri;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Finds the model a config names: {@code builtin://tiny|small} (a fresh built-in transformer),
 * {@code builtin://gpt2-tiny|gpt2-small} (a fresh GPT-2 over the built-in vocabulary), or a {@code file://} directory
 * or {@code s3://} prefix (fetched to a local directory first), either a Hugging Face model ({@code config.json}) or
 * one saved in the built-in format ({@code model.json}).
 */
public final class ModelStore {
  private static final String BUILTIN = "builtin://";
  private static final String GPT2_PRESET = "gpt2-";

  private ModelStore() {}

  public static LanguageModel languageModel(ModelReference ref, NDManager manager, long seed) throws IOException {
    return (LanguageModel) load(ref, ModelKind.LANGUAGE, manager, seed);
  }

  public static ScalarModel scalarModel(ModelReference ref, NDManager manager, long seed) throws IOException {
    return (ScalarModel) load(ref, ModelKind.SCALAR, manager, seed);
  }

  /** Writes the model's directory in the format it was loaded in, replacing it whole. */
  public static void save(TransformerModel model, Path dir) throws IOException {
    model.save(dir);
  }

  private static TransformerModel load(ModelReference ref, ModelKind kind, NDManager manager, long seed) throws IOException {
    if (ref.uri().startsWith(BUILTIN)) {
      String preset = ref.uri().substring(BUILTIN.length());
      if (preset.startsWith(GPT2_PRESET)) {
        String size = preset.substring(GPT2_PRESET.length());
        HfNetwork network = HfModels.gpt2Preset(preset, Architecture.from(ref.architecture(), size),
            builtinWords(ref), kind, manager, seed, ref.chatTemplate());
        return wrap(kind, network, network.tokenizer(), ref);
      }
      TextTokenizer tokenizer = Tokenizers.load(ref.tokenizer());
      BuiltinNetwork network = BuiltinModels.fresh(kind, Architecture.from(ref.architecture(), preset),
          tokenizer.vocabSize(), manager, seed);
      return wrap(kind, network, tokenizer, ref);
    }
    Path dir = S3Uri.matches(ref.uri()) ? S3Access.modelDirectory(ref.uri()) : Uris.path(ref.uri(), "model");
    if (HfModels.isDirectory(dir)) {
      HfNetwork network = HfModels.load(dir, kind, manager, seed, ref.chatTemplate());
      return wrap(kind, network, network.tokenizer(), ref);
    }
    if (BuiltinModels.isSaved(dir)) {
      BuiltinModels.Saved saved = BuiltinModels.load(dir, ref.uri(), kind, manager, seed);
      return wrap(kind, saved.network(), saved.tokenizer(), ref);
    }
    throw new BadInputException("model " + ref.uri() + ": neither a Hugging Face model directory (no config.json) "
        + "nor a saved model directory (no " + BuiltinNetwork.MANIFEST + ")");
  }

  private static WordTokenizer builtinWords(ModelReference ref) {
    if (Tokenizers.load(ref.tokenizer()) instanceof WordTokenizer words) {
      return words;
    }
    throw new BadInputException("model " + ref.uri() + ": the GPT-2 presets use the built-in vocabulary; tokenizer must be "
        + Tokenizers.BUILTIN_WORDS + ", not " + ref.tokenizer());
  }

  /** The model over the network, fed sequences of at most {@code maxLength} tokens when the config caps them. */
  private static TransformerModel wrap(ModelKind kind, Network network, TextTokenizer tokenizer, ModelReference ref) {
    int positions = network.positions();
    int context = ref.maxLength().orElse(positions);
    if (context > positions) {
      throw new BadInputException("model " + ref.uri() + ": maxLength " + context + " exceeds the model's "
          + positions + " positions");
    }
    return kind == ModelKind.LANGUAGE
        ? new LanguageModel(network, tokenizer, context) : new ScalarModel(network, tokenizer, context);
  }
}
