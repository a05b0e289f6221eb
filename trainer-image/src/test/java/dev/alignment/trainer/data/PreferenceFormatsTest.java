package dev.alignment.trainer.data;

import static dev.alignment.trainer.data.Rows.assistant;
import static dev.alignment.trainer.data.Rows.list;
import static dev.alignment.trainer.data.Rows.message;
import static dev.alignment.trainer.data.Rows.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alignment.contract.DatasetFields;
import dev.alignment.trainer.base.BadInputException;
import dev.alignment.trainer.rows.Message;
import dev.alignment.trainer.rows.PreferenceConversation;
import dev.alignment.trainer.rows.PreferencePair;
import dev.alignment.trainer.rows.PreferenceRow;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Preference rows in TRL's formats: standard and conversational, explicit and implicit prompt, and every refusal. */
class PreferenceFormatsTest {
  private static final DatasetFields FIELDS = new DatasetFields("prompt", "chosen", "rejected");
  private static final String GOOD = "{\"prompt\": " + list(user("Hi?")) + ", \"chosen\": " + list(assistant("Hello."))
      + ", \"rejected\": " + list(assistant("Go away.")) + "}";

  private static List<PreferenceRow> read(DatasetFields fields, String... lines) throws IOException {
    List<PreferenceRow> rows = new ArrayList<>();
    try (SourceLines source = Rows.source(lines)) {
      PreferenceReader.read(source, fields, rows::add);
    }
    return rows;
  }

  private static String row(String prompt, String chosen, String rejected) {
    return "{" + (prompt == null ? "" : "\"prompt\": " + prompt + ", ") + "\"chosen\": " + chosen + ", \"rejected\": " + rejected + "}";
  }

  @Test
  void standardRowsAreStringPairs() throws IOException {
    assertThat(read(FIELDS, row("\"the film was\"", "\"great .\"", "\"dull .\""), row(null, "\"the plot was fun .\"", "\"the plot was weak .\"")))
        .containsExactly(new PreferencePair("the film was", "great .", "dull ."), new PreferencePair("the plot was", "fun .", "weak ."));
  }

  @Test
  void conversationalRowsWithAnExplicitPromptKeepTheirMessages() throws IOException {
    String line = row(list(message("system", "Be brief."), user("Sky colour?")), list(assistant("Blue.")),
        list(assistant("Green."), user("Sure?"), assistant("Yes.")));
    assertThat(read(FIELDS, line)).containsExactly(new PreferenceConversation(
        List.of(new Message("system", "Be brief."), new Message("user", "Sky colour?")),
        List.of(new Message("assistant", "Blue.")),
        List.of(new Message("assistant", "Green."), new Message("user", "Sure?"), new Message("assistant", "Yes."))));
  }

  /** TRL's extract_prompt: the prompt is the messages chosen and rejected start with, the completions the rest. */
  @Test
  void anImplicitPromptIsTheLongestCommonStartOfTheMessages() throws IOException {
    String shared = user("Hello!") + ", " + assistant("Hi! How can I help?") + ", " + user("Tell me about Köln.");
    String line = row(null, list(shared, assistant("A city on the Rhine.")), list(shared, assistant("No."), user("Why?"), assistant("Because.")));
    assertThat(read(FIELDS, line)).containsExactly(new PreferenceConversation(
        List.of(new Message("user", "Hello!"), new Message("assistant", "Hi! How can I help?"), new Message("user", "Tell me about Köln.")),
        List.of(new Message("assistant", "A city on the Rhine.")),
        List.of(new Message("assistant", "No."), new Message("user", "Why?"), new Message("assistant", "Because."))));
  }

  @Test
  void theFieldMappingAppliesToConversationalRowsAndTheirPaths() throws IOException {
    DatasetFields mapped = new DatasetFields("q", "good", "bad");
    String line = "{\"q\": " + list(user("Hi?")) + ", \"good\": " + list(assistant("Hello.")) + ", \"bad\": " + list(assistant("No.")) + "}";
    assertThat(read(mapped, line)).containsExactly(new PreferenceConversation(
        List.of(new Message("user", "Hi?")), List.of(new Message("assistant", "Hello.")), List.of(new Message("assistant", "No."))));
    String bot = "{\"q\": " + list(user("Hi?")) + ", \"good\": " + list(message("bot", "Hello.")) + ", \"bad\": " + list(assistant("No.")) + "}";
    assertThatThrownBy(() -> read(mapped, line, bot)).isInstanceOf(BadInputException.class)
        .hasMessage("data.jsonl: 1 malformed line: line 2: good[0].role: \"bot\" is not one of system, user, assistant, tool");
  }

  static Stream<Arguments> problems() {
    String u = user("Hi?");
    String a = assistant("Hello.");
    return Stream.of(
        Arguments.of(row(list(u), list(assistant("x"), user("y"), message("bot", "z")), list(a)),
            "chosen[2].role: \"bot\" is not one of system, user, assistant, tool"),
        Arguments.of(row(list(u), list("{\"role\": \"assistant\", \"content\": [{\"type\": \"text\"}]}"), list(a)),
            "chosen[0].content: must be a string, found an array"),
        Arguments.of(row(list(u), list("{\"role\": \"assistant\", \"content\": null}"), list(a)),
            "chosen[0].content: must be a string, found null"),
        Arguments.of(row(list(u), list(a), list("{\"role\": \"assistant\"}")), "rejected[0]: missing \"content\""),
        Arguments.of(row(list(u), list(a), list("{\"content\": \"Hello.\"}")), "rejected[0]: missing \"role\""),
        Arguments.of(row(list(u), list(a), list("{\"role\": 1, \"content\": \"x\"}")), "rejected[0].role: must be a string, found a number"),
        Arguments.of(row(list("\"Hi?\""), list(a), list(a)), "prompt[0]: must be a {\"role\", \"content\"} object, found a string"),
        Arguments.of(row(list(u), list("{\"role\": \"assistant\", \"content\": \"x\", \"name\": \"bob\"}"), list(a)),
            "chosen[0]: key \"name\" is not supported; a message has only \"role\" and \"content\""),
        Arguments.of(row(list(u), list(), list(a)), "chosen: no messages"),
        Arguments.of(row(list(), list(a), list(a)), "prompt: no messages"),
        Arguments.of(row(list(u), list(a), list(a, u)), "rejected: a completion must end with an assistant message, but rejected[1] is \"user\""),
        Arguments.of(row(list(u, a), list(a), list(a)), "prompt: a prompt must end with a user message, but prompt[1] is \"assistant\""),
        Arguments.of(row(list(message("system", "Be brief.")), list(a), list(a)),
            "prompt: a prompt must end with a user message, but prompt[0] is \"system\""),
        Arguments.of(row(list(u), list("{\"role\": \"assistant\", \"content\": \"\\ud800\"}"), list(a)),
            "chosen[0].content has an unpaired surrogate \\ud800 at character 0"),
        Arguments.of(row("\"Hi?\"", list(a), list(a)), "field 'prompt' is a string but 'chosen' is a list of messages: a row is all"
            + " strings (standard format) or all lists of messages (conversational format)"),
        Arguments.of(row("\"Hi?\"", "\"Hello.\"", list(a)), "field 'rejected' is a list of messages but 'chosen' is a string"),
        Arguments.of(row(list(u), "3", list(a)), "field 'chosen' must be a string or a list of messages, found a number"),
        Arguments.of(row(list(u), list(a), "{\"role\": \"assistant\"}"), "field 'rejected' must be a list of messages, found an object"),
        Arguments.of("{\"prompt\": " + list(u) + ", \"chosen\": " + list(a) + "}", "missing field 'rejected'"),
        Arguments.of(row(null, list(u, a), list(u, a)), "no field 'prompt' and 'chosen' equals 'rejected', so no implicit prompt can be split off"),
        Arguments.of(row(null, list(user("A?"), a), list(user("B?"), a)),
            "no field 'prompt' and 'chosen' and 'rejected' share no leading messages to use as the prompt"),
        Arguments.of(row(null, list(u, a), list(u, a, u, a)),
            "empty completion: 'chosen' has no messages after the implicit prompt (the 2 messages both start with)"),
        Arguments.of(row(null, list(u, a, assistant("More.")), list(u, a, assistant("Less."))),
            "chosen: the implicit prompt (the messages both start with) must end with a user message, but chosen[1] is \"assistant\""),
        Arguments.of(row(null, list(u, assistant("A."), user("Why?")), list(u, assistant("B."))),
            "chosen: a completion must end with an assistant message, but chosen[2] is \"user\""));
  }

  @ParameterizedTest
  @MethodSource("problems")
  void everyProblemNamesTheLineAndThePathInTheRow(String line, String problem) {
    assertThatThrownBy(() -> read(FIELDS, GOOD, line)).isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("data.jsonl: 1 malformed line: line 2: " + problem);
  }

  @Test
  void aDatasetMixingFormatsIsRefusedAtTheFirstLineThatDiffers() {
    String standard = row("\"the film was\"", "\"great .\"", "\"dull .\"");
    assertThatThrownBy(() -> read(FIELDS, "not json", standard, "", standard, GOOD, GOOD)).isInstanceOf(BadInputException.class)
        .hasMessage("data.jsonl: line 5 is conversational (lists of messages) but line 2 is standard (strings):"
            + " a dataset is in one format, as TRL's are");
    assertThatThrownBy(() -> read(FIELDS, GOOD, standard)).isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("data.jsonl: line 2 is standard (strings) but line 1 is conversational (lists of messages)");
  }
}
