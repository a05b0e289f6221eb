package dev.alignment.operator.stage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DerivedNamesTest {
  private static final Pattern DNS_1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");

  @Test
  void validNamesKeepTheirReadableForm() {
    assertThat(DerivedNames.job("demo", "ppo", "critic", 3)).isEqualTo("demo-ppo-critic-3");
    assertThat(DerivedNames.job("demo", "sft", null, 1)).isEqualTo("demo-sft-1");
    assertThat(DerivedNames.job("llama-3.1-dpo", "sft", null, 1)).as("a dot is fine in a Job name")
        .isEqualTo("llama-3.1-dpo-sft-1");
    assertThat(DerivedNames.service("demo", "ppo", "critic")).isEqualTo("demo-ppo-critic");
    assertThat(DerivedNames.stageConfigMap("demo", "sft")).isEqualTo("demo-sft-config");
    assertThat(DerivedNames.leaderboard("study", 0)).isEqualTo("study-leaderboard");
    assertThat(DerivedNames.leaderboard("study", 2)).isEqualTo("study-leaderboard-2");
  }

  @Test
  void sweepChildrenTakeFourDigestBytesPerSlot() {
    byte[] digest = HexFormat.of().parseHex("0123456789abcdef" + "00".repeat(24));

    assertThat(DerivedNames.sweepChild("study", digest, 0)).isEqualTo("study-01234567");
    assertThat(DerivedNames.sweepChild("study", digest, 1)).isEqualTo("study-89abcdef");
  }

  @ParameterizedTest
  @ValueSource(strings = {"7b-ppo", "llama-3.1-ppo", "0", "9.9.9", "a-forty-character-run-name-for-the-tests"})
  void serviceNamesAreDns1035LabelsForEveryValidRunName(String run) {
    String name = DerivedNames.service(run, "ppo", "critic");

    assertThat(name).matches(DNS_1035_LABEL).hasSizeLessThanOrEqualTo(63);
    assertThat(DerivedNames.service(run, "ppo", "critic")).as("stable").isEqualTo(name);
  }

  @Test
  void namesThatCleanToTheSameTextStayDistinct() {
    List<String> names = List.of(
        DerivedNames.service("llama-3.1-ppo", "ppo", "critic"),
        DerivedNames.service("llama-3-1-ppo", "ppo", "critic"),
        DerivedNames.service("1-ppo", "ppo", "critic"),
        DerivedNames.service("2-ppo", "ppo", "critic"));

    assertThat(names).doesNotHaveDuplicates();
    assertThat(names.get(0)).startsWith("llama-3-1-ppo-ppo-critic-");
    assertThat(names.get(1)).isEqualTo("llama-3-1-ppo-ppo-critic");
  }

  @Test
  void tooLongNamesAreShortenedWithAHash() {
    String owner = "x".repeat(60);

    String job = DerivedNames.job(owner, "ppo", "critic", 12);

    assertThat(job).hasSizeLessThanOrEqualTo(63).matches(DNS_1035_LABEL).startsWith("xxxx");
    assertThat(DerivedNames.job(owner, "ppo", "critic", 13)).isNotEqualTo(job);
  }
}
