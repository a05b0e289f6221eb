package dev.alignment.trainer.data;

import java.io.IOException;
import java.nio.file.Path;

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

  /** Writes the files {@link Tokenizers#loadSaved(Path)} reads back, next to a saved model. */
  void saveTo(Path dir) throws IOException;
}
