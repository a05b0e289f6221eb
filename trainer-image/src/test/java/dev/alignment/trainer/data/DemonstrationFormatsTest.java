package dev.alignment.trainer.data;

import static dev.alignment.trainer.data.Rows.assistant;
import static dev.alignment.trainer.data.Rows.list;
import static dev.alignment.trainer.data.Rows.message;
import static dev.alignment.trainer.data.Rows.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alignment.trainer.base.BadInputException;
import dev.alignment.trainer.hf.HfTokenizer;
import dev.alignment.trainer.rows.Demonstration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** SFT rows (prompt/completion strings or messages, or a whole conversation) and prompt-only rows: formats and refusals. */
class DemonstrationFormatsTest {
  private static HfTokenizer qwen2;
  @TempDir Path work;

  @BeforeAll
  static void load() {
    qwen2 = ChatFixtures.tokenizer("qwen2");
  }

  @AfterAll
  static void close() {
    qwen2.close();
  }

  private String file(String... lines) throws IOException {
    Path file = work.resolve("data.jsonl");
    Files.write(file, List.of(lines));
    return Uris.of(file);
  }

  private List<Demonstration> demonstrations(String... lines) throws IOException {
    return DemonstrationReader.demonstrations(file(lines), qwen2.chatTemplate());
  }

  private List<String> prompts(String... lines) throws IOException {
    return DemonstrationReader.prompts(file(lines), qwen2.chatTemplate());
  }

  private static final String STANDARD = "{\"prompt\": \"the film was\", \"completion\": \"great .\"}";
  private static final String MESSAGES = "{\"messages\": " + list(user("Hi?"), assistant("Hello.")) + "}";
  private static final String CONVERSATIONAL = "{\"prompt\": " + list(user("Hi?")) + ", \"completion\": " + list(assistant("Hello.")) + "}";

  @Test
  void aWholeConversationAndAConversationalPromptAndCompletionGiveTheSameDemonstration() throws IOException {
    List<Demonstration> read = demonstrations(MESSAGES, CONVERSATIONAL);
    assertThat(read.get(0)).isEqualTo(read.get(1));
    assertThat(read.get(0)).isEqualTo(new Demonstration(
        "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\nHi?<|im_end|>\n<|im_start|>assistant\n",
        "Hello.<|im_end|>\n"));
  }

  @Test
  void onlyTheLastAssistantMessageOfAConversationIsTheCompletion() throws IOException {
    Demonstration multiTurn = demonstrations("{\"messages\": " + list(user("A?"), assistant("One."), user("B?"), assistant("Two.")) + "}").get(0);
    assertThat(multiTurn.completion()).isEqualTo("Two.<|im_end|>\n");
    assertThat(multiTurn.prompt()).endsWith("<|im_start|>assistant\nOne.<|im_end|>\n<|im_start|>user\nB?<|im_end|>\n<|im_start|>assistant\n");
  }

  @Test
  void standardRowsStayStrings() throws IOException {
    assertThat(demonstrations(STANDARD)).containsExactly(new Demonstration("the film was", "great ."));
    assertThat(prompts("{\"prompt\": \"the film was\"}")).containsExactly("the film was");
  }

  static Stream<Arguments> demonstrationProblems() {
    return Stream.of(
        Arguments.of("{\"messages\": " + list(user("Hi?"), assistant("Hello."), user("And?")) + "}",
            "messages: a conversation must end with an assistant message, but messages[2] is \"user\""),
        Arguments.of("{\"messages\": " + list(assistant("Hello.")) + "}",
            "messages: no message before the last (the assistant's) to use as the prompt"),
        Arguments.of("{\"messages\": " + list(user("Hi?"), assistant("Hello."), assistant("Again.")) + "}",
            "messages: the prompt (every message before the last) must end with a user message, but messages[1] is \"assistant\""),
        Arguments.of("{\"messages\": " + list(user("Hi?"), message("model", "Hello.")) + "}",
            "messages[1].role: \"model\" is not one of system, user, assistant, tool"),
        Arguments.of("{\"messages\": \"Hi?\"}", "field 'messages' must be a list of messages, found a string"),
        Arguments.of("{\"messages\": []}", "messages: no messages"),
        Arguments.of("{\"messages\": " + list(user("Hi?"), assistant("Hello.")) + ", \"completion\": \"x\"}",
            "fields 'messages' and 'prompt' or 'completion' together: a row is one conversation in 'messages', or a 'prompt' and a 'completion'"),
        Arguments.of("{\"prompt\": \"Hi?\", \"completion\": " + list(assistant("Hello.")) + "}",
            "field 'prompt' is a string but 'completion' is a list of messages"),
        Arguments.of("{\"prompt\": " + list(user("Hi?")) + ", \"completion\": " + list(user("Hello.")) + "}",
            "completion: a completion must end with an assistant message, but completion[0] is \"user\""),
        Arguments.of("{\"prompt\": " + list(assistant("Hi?")) + ", \"completion\": " + list(assistant("Hello.")) + "}",
            "prompt: a prompt must end with a user message, but prompt[0] is \"assistant\""),
        Arguments.of("{\"prompt\": " + list(user("Hi?")) + "}", "missing field 'completion'"));
  }

  @ParameterizedTest
  @MethodSource("demonstrationProblems")
  void everyDemonstrationProblemNamesTheLineAndPath(String line, String problem) {
    assertThatThrownBy(() -> demonstrations(MESSAGES, line)).isInstanceOf(BadInputException.class)
        .hasMessageStartingWith(work.resolve("data.jsonl") + ": 1 malformed line: line 2: " + problem);
  }

  @Test
  void everyPromptProblemNamesTheLineAndPath() {
    assertThatThrownBy(() -> prompts("{\"prompt\": " + list(user("Hi?")) + "}", "{\"prompt\": " + list(user("Hi?"), assistant("Hello.")) + "}",
        "{\"prompt\": " + list(message("robot", "Hi?")) + "}", "{\"prompt\": 7}"))
        .isInstanceOf(BadInputException.class)
        .hasMessage(work.resolve("data.jsonl") + ": 3 malformed lines:"
            + " line 2: prompt: a prompt must end with a user message, but prompt[1] is \"assistant\";"
            + " line 3: prompt[0].role: \"robot\" is not one of system, user, assistant, tool;"
            + " line 4: field 'prompt' must be a string or a list of messages, found a number");
  }

  @Test
  void mixingFormatsIsRefusedAtTheFirstLineThatDiffers() {
    Path file = work.resolve("data.jsonl");
    assertThatThrownBy(() -> demonstrations(MESSAGES, CONVERSATIONAL, STANDARD)).isInstanceOf(BadInputException.class)
        .hasMessage(file + ": line 3 is standard (strings) but line 1 is conversational (lists of messages): a dataset is in one format, as TRL's are");
    assertThatThrownBy(() -> prompts("{\"prompt\": \"the film was\"}", "{\"prompt\": " + list(user("Hi?")) + "}"))
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith(file + ": line 2 is conversational (lists of messages) but line 1 is standard (strings)");
  }
}
