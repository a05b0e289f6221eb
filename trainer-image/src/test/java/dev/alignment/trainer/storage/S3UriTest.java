package dev.alignment.trainer.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alignment.trainer.base.BadInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** s3:// URIs: bucket and key split, prefixes, and the malformed ones refused naming the URI. */
class S3UriTest {
  @Test
  void splitsBucketAndKeyAndTreatsTheKeyAsAPrefixOfADirectory() {
    S3Uri model = S3Uri.parse("s3://models/team-a/gpt2", "model");

    assertThat(model).isEqualTo(new S3Uri("models", "team-a/gpt2"));
    assertThat(model.prefix()).isEqualTo("team-a/gpt2/");
    assertThat(S3Uri.parse("s3://models/team-a/gpt2/", "model").prefix()).isEqualTo("team-a/gpt2/");
    assertThat(S3Uri.parse("s3://models", "model").prefix()).isEmpty();
    assertThat(model.child("tokenizer.json")).hasToString("s3://models/team-a/gpt2/tokenizer.json");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      s3://Models/x              | model uri 's3://Models/x': 'Models' is not a bucket name (3-63 lowercase letters, digits, dots and hyphens)
      s3://ab/x                  | model uri 's3://ab/x': 'ab' is not a bucket name (3-63 lowercase letters, digits, dots and hyphens)
      s3:///x                    | model uri 's3:///x': '' is not a bucket name (3-63 lowercase letters, digits, dots and hyphens)
      s3://models/a/../../other  | model uri 's3://models/a/../../other': the key has an empty, '.' or '..' path segment
      s3://models//a             | model uri 's3://models//a': the key has an empty, '.' or '..' path segment
      """)
  void refusesWhatIsNoBucketOrLeavesThePrefix(String uri, String message) {
    assertThatThrownBy(() -> S3Uri.parse(uri, "model")).isInstanceOf(BadInputException.class).hasMessage(message);
  }

  @Test
  void aDatasetMustBeAnObjectNotAPrefix() {
    assertThat(S3Uri.object("s3://datasets/prefs.jsonl", "dataset").key()).isEqualTo("prefs.jsonl");
    assertThatThrownBy(() -> S3Uri.object("s3://datasets/team-a/", "dataset")).isInstanceOf(BadInputException.class)
        .hasMessage("dataset uri 's3://datasets/team-a/' must name an object (s3://bucket/key), not a prefix");
  }
}
