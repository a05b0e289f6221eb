package dev.alignment.trainer.hf;

import ai.djl.ndarray.NDManager;
import dev.alignment.trainer.data.WordTokenizer;
import dev.alignment.trainer.model.Architecture;
import dev.alignment.trainer.model.ModelKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Hugging Face models as the stages ask for them: a directory loaded as a language model or as a scalar model (a
 * causal LM gets a fresh one-label score head), or a GPT-2 preset drawn fresh; each with its tokenizer.
 */
public final class HfModels {
  private HfModels() {}

  /** Whether a directory is a Hugging Face model directory (it has {@code config.json}). */
  public static boolean isDirectory(Path dir) {
    return Files.isRegularFile(dir.resolve(HfConfig.FILE));
  }

  public static HfNetwork load(Path dir, ModelKind kind, NDManager manager, long seed, Optional<String> chatTemplate) {
    return withTokenizer(HfModel.load(dir, manager, task(kind), seed), chatTemplate);
  }

  /** A GPT-2 of the preset's shape over the built-in vocabulary, drawn from {@code seed}. */
  public static HfNetwork gpt2Preset(String name, Architecture shape, WordTokenizer words, ModelKind kind,
      NDManager manager, long seed, Optional<String> chatTemplate) {
    HfFiles files = Gpt2Preset.files(name, shape, words);
    if (kind == ModelKind.SCALAR) {
      files = files.withConfig(ClassifierConfig.of(files, HfConfig.read(files.configJson())));
    }
    return withTokenizer(HfModel.fresh(files, manager, seed), chatTemplate);
  }

  private static HfNetwork withTokenizer(HfModel model, Optional<String> chatTemplate) {
    return new HfNetwork(model, HfTextTokenizer.of(model.files(), model.config(), chatTemplate));
  }

  private static HfTask task(ModelKind kind) {
    return kind == ModelKind.LANGUAGE ? HfTask.CAUSAL_LM : HfTask.SEQUENCE_CLASSIFICATION;
  }
}
