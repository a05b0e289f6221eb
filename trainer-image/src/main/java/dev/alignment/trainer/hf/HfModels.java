package dev.alignment.trainer.hf;

import ai.djl.ndarray.NDManager;
import dev.alignment.trainer.data.Uris;
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

  /** Whether a directory is a Hugging Face model or a PEFT adapter directory on one. */
  public static boolean isDirectory(Path dir) {
    return Files.isRegularFile(dir.resolve(HfConfig.FILE)) || PeftAdapterDirectory.isAdapter(dir);
  }

  /**
   * A model directory as {@code kind}; a PEFT adapter directory is its base with the adapters merged in (a stage
   * trains on from the adapted model and saves it whole).
   */
  public static HfNetwork load(Path dir, ModelKind kind, NDManager manager, long seed, Optional<String> chatTemplate) {
    if (PeftAdapterDirectory.isAdapter(dir)) {
      // The base an adapter names is read like any model the config names: under the namespace's root only.
      Path base = Uris.path(Uris.of(PeftAdapterDirectory.base(dir)), "PEFT base model");
      HfModel model = HfModel.load(base, manager, task(kind), seed);
      PeftAdapterDirectory.load(model, dir, manager);
      model.mergeLora();
      return withTokenizer(model, chatTemplate, Optional.empty());
    }
    HfModel model = HfModel.load(dir, manager, task(kind), seed);
    boolean asSaved = HfConfig.read(dir).task() == model.config().task();
    return withTokenizer(model, chatTemplate, asSaved ? Optional.of(dir.toAbsolutePath()) : Optional.empty());
  }

  /** A GPT-2 of the preset's shape over the built-in vocabulary, drawn from {@code seed}. */
  public static HfNetwork gpt2Preset(String name, Architecture shape, WordTokenizer words, ModelKind kind,
      NDManager manager, long seed, Optional<String> chatTemplate) {
    HfFiles files = Gpt2Preset.files(name, shape, words);
    if (kind == ModelKind.SCALAR) {
      files = files.withConfig(ClassifierConfig.of(files, HfConfig.read(files.configJson())));
    }
    return withTokenizer(HfModel.fresh(files, manager, seed), chatTemplate, Optional.empty());
  }

  /** The model with its tokenizer; a {@code chatTemplate} override is used and saved with the model. */
  private static HfNetwork withTokenizer(HfModel model, Optional<String> chatTemplate, Optional<Path> base) {
    chatTemplate.ifPresent(model::replaceChatTemplate);
    return new HfNetwork(model, HfTextTokenizer.of(model.files(), model.config()), base);
  }

  private static HfTask task(ModelKind kind) {
    return kind == ModelKind.LANGUAGE ? HfTask.CAUSAL_LM : HfTask.SEQUENCE_CLASSIFICATION;
  }
}
