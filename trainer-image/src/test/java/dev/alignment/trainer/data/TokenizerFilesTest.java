package dev.alignment.trainer.data;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alignment.trainer.base.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokenizer files that are not UTF-8 are bad input naming the file, like datasets. */
class TokenizerFilesTest {
  @TempDir Path work;

  @Test
  void aSavedWordVocabularyThatIsNotUtf8IsBadInput() throws Exception {
    Path vocab = Files.write(work.resolve(WordTokenizer.FILE), new byte[] {'t', 'h', 'e', '\n', (byte) 0xff, '\n'});
    assertThatThrownBy(() -> Tokenizers.loadSaved(work)).isInstanceOf(BadInputException.class)
        .hasMessage(vocab + ": not UTF-8 text");
  }

  @Test
  void aTokenizerJsonThatIsNotUtf8IsBadInput() throws Exception {
    Path json = Files.write(work.resolve(HuggingFaceTextTokenizer.FILE), new byte[] {'{', (byte) 0xc3, '}'});
    assertThatThrownBy(() -> Tokenizers.load(Uris.of(json))).isInstanceOf(BadInputException.class)
        .hasMessage(json + ": not UTF-8 text");
  }
}
