package dev.alignment.trainer.hf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alignment.trainer.data.Tokenizers;
import dev.alignment.trainer.data.WordTokenizer;
import dev.alignment.trainer.model.Architecture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The TRL runtime (trainer-image/trl) builds its builtin GPT-2 presets over the words vocabulary from a committed copy
 * of the tokenizer.json this trainer writes for them; this fails when the copy is stale, and with
 * {@code -Dtrl.presets.refresh=true} rewrites it.
 */
class TrlPresetTokenizerIsCurrentTest {
  private static final Path COMMITTED = Path.of("trl/src/alignment_trl/presets/words-tokenizer.json");
  private static final String FIX = "trainer-image/trl's copy of the words tokenizer is stale: run `mvn -B -o -pl trainer-image -am "
      + "test -Dtest=TrlPresetTokenizerIsCurrentTest -Dsurefire.failIfNoSpecifiedTests=false -Dtrl.presets.refresh=true` and commit " + COMMITTED;

  @Test
  void theTrlRuntimeCarriesTheWordsTokenizerOfTheGpt2Presets() throws IOException {
    WordTokenizer words = (WordTokenizer) Tokenizers.load(Tokenizers.BUILTIN_WORDS);
    byte[] expected = Gpt2Preset.files("gpt2-tiny", Architecture.TINY, words).companions().get(HfTokenizer.FILE);
    if (Boolean.getBoolean("trl.presets.refresh")) {
      Files.createDirectories(COMMITTED.getParent());
      Files.write(COMMITTED, expected);
    }
    assertThat(COMMITTED).as(FIX).exists();
    assertThat(Files.readString(COMMITTED)).as(FIX).isEqualTo(new String(expected, StandardCharsets.UTF_8));
    // The small preset shares the vocabulary and so the file.
    assertThat(Gpt2Preset.files("gpt2-small", Architecture.SMALL, words).companions().get(HfTokenizer.FILE)).isEqualTo(expected);
  }
}
