package dev.alignment.trainer.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/** Text to token ids and back, with the end-of-sequence token that closes every completion. */
public interface TextTokenizer {
  int[] encode(String text);

  /** The text of the ids, leaving out end-of-sequence and padding. */
  String decode(int[] ids);

  int vocabSize();

  int eosId();

  /** Padding positions are masked out everywhere, so the end-of-sequence id serves. */
  default int padId() {
    return eosId();
  }

  /** The beginning-of-sequence id the tokenizer puts before a text, if it puts one (Llama's does, GPT-2's does not). */
  default OptionalInt bosId() {
    return OptionalInt.empty();
  }

  /** The chat template conversational rows are rendered with, when the tokenizer has one. */
  default Optional<ChatRenderer> chatRenderer() {
    return Optional.empty();
  }

  /** Writes the files {@link Tokenizers#loadSaved(Path)} reads back, next to a saved model. */
  void saveTo(Path dir) throws IOException;
}
