package dev.alignment.trainer.data;

import dev.alignment.trainer.base.BadInputException;
import dev.alignment.trainer.sim.SentimentCorpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds a tokenizer: {@code builtin://words}, a {@code file://} tokenizer.json, or the one saved beside a model. */
public final class Tokenizers {
  public static final String BUILTIN_WORDS = "builtin://words";

  private Tokenizers() {}

  public static TextTokenizer load(String uri) {
    if (uri == null || uri.equals(BUILTIN_WORDS)) {
      return WordTokenizer.of(SentimentCorpus.vocabulary());
    }
    Path file = Uris.path(uri, "tokenizer");
    if (!Files.isRegularFile(file)) {
      throw new BadInputException("tokenizer " + uri + ": file not found");
    }
    return HuggingFaceTextTokenizer.load(file);
  }

  /** The tokenizer saved in a model directory. */
  public static TextTokenizer loadSaved(Path modelDir) throws IOException {
    Path words = modelDir.resolve(WordTokenizer.FILE);
    if (Files.isRegularFile(words)) {
      return WordTokenizer.load(words);
    }
    Path huggingFace = modelDir.resolve(HuggingFaceTextTokenizer.FILE);
    if (Files.isRegularFile(huggingFace)) {
      return HuggingFaceTextTokenizer.load(huggingFace);
    }
    throw new BadInputException(modelDir + ": no tokenizer (" + WordTokenizer.FILE + " or " + HuggingFaceTextTokenizer.FILE + ")");
  }
}
