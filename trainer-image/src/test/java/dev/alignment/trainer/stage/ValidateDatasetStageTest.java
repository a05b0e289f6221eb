package dev.alignment.trainer.stage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alignment.trainer.TrainerRun;
import dev.alignment.trainer.base.Excerpt;
import dev.alignment.trainer.data.Uris;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** validate-dataset: malformed files fail with every bad line named; good files are normalized, split and counted. */
class ValidateDatasetStageTest {
  @TempDir Path work;

  private TrainerRun validate(String fileName, List<String> lines, Map<String, Object> fields) throws IOException {
    Path file = work.resolve(fileName);
    Files.write(file, lines);
    return TrainerRun.stage(work, "validate-dataset", Map.of(
        "source", Uris.of(file), "fields", fields, "validationFraction", 0.2));
  }

  private static final Map<String, Object> DEFAULT_FIELDS = Map.of("prompt", "prompt", "chosen", "chosen", "rejected", "rejected");

  @Test
  void everyMalformedLineIsReportedWithItsNumberAndProblem() throws Exception {
    TrainerRun run = validate("bad.jsonl", List.of(
        "{\"prompt\": \"the plot was\", \"chosen\": \"great .\", \"rejected\": \"dull .\"}",
        "{\"prompt\": \"the plot was\", \"chosen\": \"great .\"",
        "{\"prompt\": \"the cast was\", \"rejected\": \"dull .\"}",
        "{\"prompt\": \"the cast was\", \"chosen\": \"fun .\", \"rejected\": \"  \"}",
        "[1, 2]",
        "{\"prompt\": \"the cast was\", \"chosen\": 3, \"rejected\": \"dull .\"}"), DEFAULT_FIELDS);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.message())
        .contains(work.resolve("bad.jsonl").toString())
        .contains("5 malformed lines")
        .contains("line 2: bad JSON")
        .contains("line 3: missing field 'chosen'")
        .contains("line 4: field 'rejected' is empty")
        .contains("line 5: not a JSON object")
        .contains("line 6: field 'chosen' must be a string")
        .doesNotContain("line 1:");
    assertThat(run.stderr()).contains("line 2: bad JSON");
  }

  @Test
  void theListIsCappedButTheCountIsComplete() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      lines.add("not json " + i);
    }
    TrainerRun run = validate("garbage.jsonl", lines, DEFAULT_FIELDS);
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.message()).contains("30 malformed lines").contains("line 20: bad JSON").doesNotContain("line 21:").contains("and 10 more");
  }

  @Test
  void aMissingFileIsBadInputNamingIt() throws Exception {
    TrainerRun run = TrainerRun.stage(work, "validate-dataset", Map.of(
        "source", "file://" + work.resolve("absent.jsonl"), "fields", DEFAULT_FIELDS, "validationFraction", 0.1));
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.message()).contains("absent.jsonl").contains("not found");
  }

  @Test
  void implicitPromptsFieldMappingDuplicatesAndTiesAreHandled() throws Exception {
    TrainerRun run = validate("mapped.jsonl", List.of(
        "{\"good\": \"the film was really great .\", \"bad\": \"the film was awful .\"}",
        "{\"good\": \"the film was really great .\", \"bad\": \"the film was awful .\"}",
        "{\"q\": \"the cast was\", \"good\": \"fun .\", \"bad\": \"fun .\"}",
        "{\"q\": \"the ending felt\", \"good\": \"lovely .\", \"bad\": \"weak .\"}"),
        Map.of("prompt", "q", "chosen", "good", "rejected", "bad"));

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.metric("rows")).isEqualTo(4);
    assertThat(run.metric("duplicates")).isEqualTo(1);
    assertThat(run.metric("ties")).isEqualTo(1);
    assertThat(run.metric("skippedRows")).isEqualTo(2);
    assertThat(run.metric("trainPairs") + run.metric("validationPairs")).isEqualTo(2);
    assertThat(run.summary().get("digest").getAsString()).matches("sha256:[0-9a-f]{64}");
    Path dir = Uris.path(run.output(), "output");
    String all = Files.readString(dir.resolve("train.jsonl")) + Files.readString(dir.resolve("validation.jsonl"));
    assertThat(all).contains("{\"prompt\":\"the film was\",\"chosen\":\"really great .\",\"rejected\":\"awful .\"}")
        .contains("{\"prompt\":\"the ending felt\",\"chosen\":\"lovely .\",\"rejected\":\"weak .\"}");
  }

  @Test
  void anImplicitPromptThatLeavesNothingIsAnEmptyCompletion() throws Exception {
    TrainerRun run = validate("prefix.jsonl", List.of(
        "{\"chosen\": \"the film was good\", \"rejected\": \"the film was good and long\"}"), DEFAULT_FIELDS);
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.message()).contains("line 1: empty completion: 'chosen' has nothing after the implicit prompt 'the film was good'");
  }

  private TrainerRun validateBytes(String fileName, byte[] bytes) throws IOException {
    Path file = work.resolve(fileName);
    Files.write(file, bytes);
    return TrainerRun.stage(work, "validate-dataset", Map.of("source", Uris.of(file), "validationFraction", 0.2));
  }

  /** Exit 2, no stack trace, the message (in the termination log, on stdout and stderr) starting with the file. */
  private void assertBadInput(TrainerRun run, String fileName, String problem) {
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.message()).startsWith(work.resolve(fileName).toString()).contains(problem);
    assertThat(run.stderr()).startsWith("bad input: " + work.resolve(fileName)).doesNotContain("\tat ");
    assertThat(run.stdout()).contains(problem);
  }

  private static final String GOOD = "{\"prompt\": \"the plot was\", \"chosen\": \"great .\", \"rejected\": \"dull .\"}\n";

  @Test
  void invalidUtf8IsBadInputNamingTheLineAndByteOffset() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes((GOOD + GOOD).getBytes(StandardCharsets.UTF_8));
    bytes.writeBytes("{\"prompt\": \"caf".getBytes(StandardCharsets.UTF_8));
    bytes.write(0xe9);
    bytes.writeBytes("\", \"chosen\": \"great .\", \"rejected\": \"dull .\"}\n".getBytes(StandardCharsets.UTF_8));
    int offset = 2 * GOOD.length() + "{\"prompt\": \"caf".length();
    assertBadInput(validateBytes("latin1.jsonl", bytes.toByteArray()), "latin1.jsonl",
        "1 malformed line: line 3: invalid UTF-8 at byte offset " + offset);
  }

  @Test
  void utf16IsBadInputWithOrWithoutAByteOrderMark() throws Exception {
    assertBadInput(validateBytes("bom.jsonl", GOOD.getBytes(StandardCharsets.UTF_16)), "bom.jsonl",
        ": is UTF-16 or UTF-32 (it starts with a byte order mark)");
    assertBadInput(validateBytes("le.jsonl", GOOD.getBytes(StandardCharsets.UTF_16LE)), "le.jsonl",
        ": looks UTF-16 or UTF-32 (NUL bytes at the start)");
  }

  @Test
  void gzipIsBadInputSayingSo() throws Exception {
    ByteArrayOutputStream gzip = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(gzip)) {
      out.write(GOOD.getBytes(StandardCharsets.UTF_8));
    }
    assertBadInput(validateBytes("data.jsonl.gz", gzip.toByteArray()), "data.jsonl.gz", ": looks gzip-compressed");
  }

  @Test
  void aLoneSurrogateEscapeIsBadInputNamingTheLineAndField() throws Exception {
    String lone = "{\"prompt\": \"the plot was\", \"chosen\": \"great \\ud800.\", \"rejected\": \"dull .\"}\n";
    assertBadInput(validateBytes("surrogate.jsonl", (GOOD + lone).getBytes(StandardCharsets.UTF_8)), "surrogate.jsonl",
        "line 2: field 'chosen' has an unpaired surrogate \\ud800 at character 6");
  }

  @Test
  void aDirectoryIsBadInputSayingSo() throws Exception {
    Files.createDirectories(work.resolve("folder.jsonl"));
    TrainerRun run = TrainerRun.stage(work, "validate-dataset", Map.of("source", Uris.of(work.resolve("folder.jsonl"))));
    assertBadInput(run, "folder.jsonl", ": is a directory, not a JSON Lines file");
  }

  /** A 5 MB line used to come back whole in the message, on stdout and on stderr. */
  @Test
  void aHugeBadLineIsQuotedOnlyInPart() throws Exception {
    String words = "the film was really ".repeat(250_000);
    String line = "{\"chosen\": \"" + words + "\", \"rejected\": \"" + words + "fun\"}\n";
    TrainerRun run = validateBytes("huge.jsonl", (GOOD + line).getBytes(StandardCharsets.UTF_8));
    assertBadInput(run, "huge.jsonl", "line 2: empty completion: 'chosen' has nothing after the implicit prompt 'the film was");
    assertThat(run.message()).contains("... (" + (words.strip().length() - Excerpt.QUOTE) + " more characters)'");
    assertThat(run.stdout()).hasSizeLessThan(1_000);
    assertThat(run.stderr()).hasSizeLessThan(1_000);
    assertThat(run.summary().toString().getBytes(StandardCharsets.UTF_8)).hasSizeLessThan(4096);
  }

  /**
   * The fixture (duplicates, ties, implicit prompts, a blank line, CRLF endings, non-ASCII text and escapes) gave these
   * figures with the reader that loaded the file whole; the digest is also {@code cat train.jsonl validation.jsonl |
   * sha256sum} of that output, and the counts agree with an independent Python count.
   */
  @Test
  void aNormalDatasetKeepsTheCountsAndDigestOfTheWholeFileReader() throws Exception {
    Path fixture = Path.of(getClass().getResource("/datasets/preferences.jsonl").toURI());
    TrainerRun run = TrainerRun.stage(work, "validate-dataset", Map.of(
        "source", Uris.of(fixture), "validationFraction", 0.2, "seed", 7));

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.summary().get("digest").getAsString())
        .isEqualTo("sha256:6d145f4df9405e0544472311c19df0ed00c2eb8f583fe2bc2d0c7357ff84d37e");
    assertThat(run.summary().getAsJsonObject("metrics").toString()).isEqualTo(
        "{\"rows\":63.0,\"trainPairs\":40.0,\"validationPairs\":10.0,\"skippedRows\":13.0,\"duplicates\":5.0,\"ties\":8.0,\"conversationalRows\":0.0}");
    assertThat(run.message()).isEqualTo("63 rows: 40 train, 10 validation, 13 skipped (5 duplicates, 8 ties); format: standard");
  }

  /**
   * TRL's conversational format, explicit and implicit prompts: written with the prompt explicit and every message as
   * {role, content}, other keys dropped; the duplicate and the tie are skipped as in standard data.
   */
  @Test
  void aConversationalDatasetIsWrittenNormalizedAndReportsItsFormat() throws Exception {
    Path fixture = Path.of(getClass().getResource("/datasets/conversational-preferences.jsonl").toURI());
    TrainerRun run = TrainerRun.stage(work, "validate-dataset", Map.of("source", Uris.of(fixture), "validationFraction", 0.0));

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.message()).isEqualTo("6 rows: 4 train, 0 validation, 2 skipped (1 duplicates, 1 ties); format: conversational");
    assertThat(run.metric("conversationalRows")).isEqualTo(6);
    assertThat(Files.readAllLines(Uris.path(run.output(), "output").resolve("train.jsonl"))).containsExactly(
        "{\"prompt\":[{\"role\":\"system\",\"content\":\"You answer briefly.\"},{\"role\":\"user\",\"content\":\"What colour is the sky?\"}],"
            + "\"chosen\":[{\"role\":\"assistant\",\"content\":\"Blue.\"}],\"rejected\":[{\"role\":\"assistant\",\"content\":\"Green, always.\"}]}",
        "{\"prompt\":[{\"role\":\"user\",\"content\":\"Name a fruit.\"}],"
            + "\"chosen\":[{\"role\":\"assistant\",\"content\":\"An apple.\"}],\"rejected\":[{\"role\":\"assistant\",\"content\":\"A chair.\"}]}",
        "{\"prompt\":[{\"role\":\"system\",\"content\":\"Be kind.\"},{\"role\":\"user\",\"content\":\"Hello there!\"},"
            + "{\"role\":\"assistant\",\"content\":\"Hi! How can I help?\"},{\"role\":\"user\",\"content\":\"Tell me about Köln.\"}],"
            + "\"chosen\":[{\"role\":\"assistant\",\"content\":\"It is a city on the Rhine.\"}],\"rejected\":[{\"role\":\"assistant\",\"content\":\"No.\"}]}",
        "{\"prompt\":[{\"role\":\"user\",\"content\":\"Two plus two?\"}],"
            + "\"chosen\":[{\"role\":\"assistant\",\"content\":\"Four.\"}],\"rejected\":[{\"role\":\"assistant\",\"content\":\"Five.\"}]}");
  }

  @Test
  void aDatasetMixingStandardAndConversationalRowsIsBadInputNamingTheLine() throws Exception {
    String conversational = "{\"prompt\": [{\"role\": \"user\", \"content\": \"Hi?\"}], \"chosen\": [{\"role\": \"assistant\","
        + " \"content\": \"Hello.\"}], \"rejected\": [{\"role\": \"assistant\", \"content\": \"No.\"}]}";
    TrainerRun run = validateBytes("mixed.jsonl", (GOOD + GOOD + conversational + "\n").getBytes(StandardCharsets.UTF_8));
    assertBadInput(run, "mixed.jsonl", ": line 3 is conversational (lists of messages) but line 1 is standard (strings)");
  }

  @Test
  void aBadMessageIsReportedWithItsLineAndPath() throws Exception {
    String bot = "{\"prompt\": [{\"role\": \"user\", \"content\": \"Hi?\"}], \"chosen\": [{\"role\": \"assistant\","
        + " \"content\": \"Hello.\"}, {\"role\": \"user\", \"content\": \"And?\"}, {\"role\": \"bot\", \"content\": \"No.\"}],"
        + " \"rejected\": [{\"role\": \"assistant\", \"content\": \"No.\"}]}";
    TrainerRun run = validate("bot.jsonl", List.of(bot.replace("bot", "assistant"), "", "", "", "", "", bot), DEFAULT_FIELDS);
    assertBadInput(run, "bot.jsonl", ": 1 malformed line: line 7: chosen[2].role: \"bot\" is not one of system, user, assistant, tool");
  }

  @Test
  void theSplitAndDigestAreStableAndAddingRowsMovesNoExistingRow() throws Exception {
    TrainerRun first = TrainerRun.stage(work.resolve("a"), "validate-dataset", Map.of(
        "source", "builtin://sentiment/preferences?count=300", "fields", DEFAULT_FIELDS, "validationFraction", 0.2));
    TrainerRun again = TrainerRun.stage(work.resolve("b"), "validate-dataset", Map.of(
        "source", "builtin://sentiment/preferences?count=300", "fields", DEFAULT_FIELDS, "validationFraction", 0.2));
    TrainerRun more = TrainerRun.stage(work.resolve("c"), "validate-dataset", Map.of(
        "source", "builtin://sentiment/preferences?count=600", "fields", DEFAULT_FIELDS, "validationFraction", 0.2));

    assertThat(first.summary().get("digest")).isEqualTo(again.summary().get("digest"));
    assertThat(more.summary().get("digest")).isNotEqualTo(first.summary().get("digest"));
    double share = first.metric("validationPairs") / (first.metric("trainPairs") + first.metric("validationPairs"));
    assertThat(share).isBetween(0.12, 0.28);
    List<String> firstValidation = Files.readAllLines(Uris.path(first.output(), "o").resolve("validation.jsonl"));
    List<String> firstTrain = Files.readAllLines(Uris.path(first.output(), "o").resolve("train.jsonl"));
    List<String> moreValidation = Files.readAllLines(Uris.path(more.output(), "o").resolve("validation.jsonl"));
    List<String> moreTrain = Files.readAllLines(Uris.path(more.output(), "o").resolve("train.jsonl"));
    assertThat(moreValidation).containsAll(firstValidation);
    assertThat(moreTrain).containsAll(firstTrain);
  }
}
