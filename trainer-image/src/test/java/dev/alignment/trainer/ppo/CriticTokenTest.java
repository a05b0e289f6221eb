package dev.alignment.trainer.ppo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alignment.trainer.base.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The token comes from critic.tokenFile; a file that cannot give one is bad input naming the key and the file. */
class CriticTokenTest {
  @TempDir Path dir;

  @Test
  void theFilesTokenWithoutItsNewlineIsTheBearerCredential() throws IOException {
    CriticToken token = CriticToken.read(Files.writeString(dir.resolve("token"), "abc_-123\n").toString());

    assertThat(token.header()).isEqualTo("Bearer abc_-123");
    assertThat(token.accepts("Bearer abc_-123")).isTrue();
    assertThat(token.accepts("Bearer abc_-12")).isFalse();
    assertThat(token.accepts("abc_-123")).isFalse();
    assertThat(token.accepts(null)).isFalse();
  }

  @Test
  void aMissingOrEmptyFileIsBadInput() throws IOException {
    Path missing = dir.resolve("missing");
    Path empty = Files.writeString(dir.resolve("empty"), " \n");

    assertThatThrownBy(() -> CriticToken.read(missing.toString())).isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("critic.tokenFile: cannot read " + missing);
    assertThatThrownBy(() -> CriticToken.read(empty.toString())).isInstanceOf(BadInputException.class)
        .hasMessage("critic.tokenFile: " + empty + " is empty");
  }
}
