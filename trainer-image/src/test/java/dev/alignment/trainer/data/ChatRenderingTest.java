package dev.alignment.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.alignment.contract.DatasetFields;
import dev.alignment.trainer.base.BadInputException;
import dev.alignment.trainer.hf.ChatTemplate;
import dev.alignment.trainer.hf.HfTokenizer;
import dev.alignment.trainer.rows.Demonstration;
import dev.alignment.trainer.rows.Message;
import dev.alignment.trainer.rows.PreferencePair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Conversational rows rendered with the fixtures' real chat templates as TRL's maybe_apply_chat_template renders them,
 * checked against transformers' apply_chat_template text committed with the fixtures.
 */
class ChatRenderingTest {
  @TempDir Path work;

  private static String uri(String resource) {
    return Uris.of(ChatFixtures.resource(resource));
  }

  /** validate-dataset's writer on the conversational fixture, everything in train. */
  private String validated(String resource) throws IOException {
    try (SourceLines source = DatasetSource.open(uri(resource));
        ValidatedDatasetWriter writer = new ValidatedDatasetWriter(work, new DatasetSplit(0, 1))) {
      PreferenceReader.read(source, new DatasetFields("prompt", "chosen", "rejected"), writer::add);
      writer.finish();
    }
    return Uris.of(work);
  }

  @ParameterizedTest
  @CsvSource({"qwen2, <|im_end|>", "llama, </s>"})
  void preferencePromptsHaveTheGenerationPromptAndCompletionsAreWhatFollowsIt(String fixture, String endOfTurnTag) throws IOException {
    String endOfTurn = endOfTurnTag + "\n";
    try (HfTokenizer tokenizer = ChatFixtures.tokenizer(fixture)) {
      ValidatedDataset dataset = ValidatedDataset.read(validated("/datasets/conversational-preferences.jsonl"), tokenizer.chatTemplate());

      assertThat(dataset.validation()).isEmpty();
      assertThat(dataset.train()).hasSize(4);
      PreferencePair explicit = dataset.train().get(0);
      assertThat(explicit.prompt()).isEqualTo(ChatFixtures.rendering(fixture, "system_user", true));
      assertThat(explicit.chosen()).isEqualTo("Blue." + endOfTurn);
      assertThat(explicit.rejected()).isEqualTo("Green, always." + endOfTurn);
      PreferencePair multiTurn = dataset.train().get(2);
      assertThat(multiTurn.prompt() + multiTurn.chosen()).isEqualTo(ChatFixtures.rendering(fixture, "multi_turn", false));
      assertThat(multiTurn.chosen()).isEqualTo("It is a city on the Rhine." + endOfTurn);
      assertThat(multiTurn.rejected()).isEqualTo("No." + endOfTurn);
      assertThat(DemonstrationReader.chosenOf(Uris.of(work), tokenizer.chatTemplate()).get(0))
          .isEqualTo(new Demonstration(explicit.prompt(), explicit.chosen()));
    }
  }

  /** A {@code messages} row trains on its last message; every message before it, with the generation prompt, is the prompt. */
  @ParameterizedTest
  @CsvSource({"qwen2, <|im_end|>, <|im_start|>assistant", "llama, </s>, <|assistant|>"})
  void demonstrationsSplitTheConversationBeforeTheLastAssistantMessage(String fixture, String endOfTurnTag, String assistantTag)
      throws IOException {
    String endOfTurn = endOfTurnTag + "\n";
    String generationPrompt = assistantTag + "\n";
    try (HfTokenizer tokenizer = ChatFixtures.tokenizer(fixture)) {
      List<Demonstration> demonstrations = DemonstrationReader.demonstrations(uri("/datasets/conversational-sft.jsonl"), tokenizer.chatTemplate());

      Demonstration conversation = demonstrations.get(0);
      assertThat(conversation.prompt() + conversation.completion()).isEqualTo(ChatFixtures.rendering(fixture, "multi_turn", false));
      assertThat(conversation.prompt()).endsWith("Tell me about Köln." + endOfTurn + generationPrompt);
      assertThat(conversation.completion()).isEqualTo("It is a city on the Rhine." + endOfTurn);
      assertThat(demonstrations.get(1).completion()).isEqualTo("An apple." + endOfTurn);
      assertThat(demonstrations.get(1).prompt()).endsWith("Name a fruit." + endOfTurn + generationPrompt);
    }
  }

  @ParameterizedTest
  @CsvSource({"qwen2", "llama"})
  void promptsAreRenderedWithTheGenerationPrompt(String fixture) throws IOException {
    try (HfTokenizer tokenizer = ChatFixtures.tokenizer(fixture)) {
      List<String> prompts = DemonstrationReader.prompts(uri("/datasets/conversational-prompts.jsonl"), tokenizer.chatTemplate());
      assertThat(prompts.get(0)).isEqualTo(ChatFixtures.rendering(fixture, "system_user", true));
      assertThat(prompts).hasSize(2);
    }
  }

  /** As TRL's maybe_apply_chat_template, which leaves standard rows alone. */
  @Test
  void standardRowsAreNotTemplated() throws IOException {
    try (HfTokenizer tokenizer = ChatFixtures.tokenizer("qwen2")) {
      String prompts = "builtin://sentiment/prompts?count=5";
      assertThat(DemonstrationReader.prompts(prompts, tokenizer.chatTemplate())).isEqualTo(DemonstrationReader.prompts(prompts, Optional.empty()));
      String sft = "builtin://sentiment/sft?count=5";
      assertThat(DemonstrationReader.demonstrations(sft, tokenizer.chatTemplate())).isEqualTo(DemonstrationReader.demonstrations(sft, Optional.empty()));
    }
  }

  @Test
  void conversationalRowsWithoutAChatTemplateAreBadInputNamingTheDataset() throws IOException {
    String message = ": conversational rows need a chat template: the model's tokenizer_config.json has none; set spec.model.chatTemplate";
    String validated = validated("/datasets/conversational-preferences.jsonl");
    assertThatThrownBy(() -> ValidatedDataset.readForTraining(validated, Optional.empty())).isInstanceOf(BadInputException.class)
        .hasMessage(validated + message);
    try (HfTokenizer gpt2 = ChatFixtures.tokenizer("gpt2")) {
      assertThatThrownBy(() -> DemonstrationReader.chosenOf(validated, gpt2.chatTemplate())).isInstanceOf(BadInputException.class)
          .hasMessage(validated + message);
    }
    String sft = uri("/datasets/conversational-sft.jsonl");
    assertThatThrownBy(() -> DemonstrationReader.demonstrations(sft, Optional.empty())).isInstanceOf(BadInputException.class).hasMessage(sft + message);
    String prompts = uri("/datasets/conversational-prompts.jsonl");
    assertThatThrownBy(() -> DemonstrationReader.prompts(prompts, Optional.empty())).isInstanceOf(BadInputException.class).hasMessage(prompts + message);
  }

  @Test
  void theTemplatesOwnRefusalNamesTheLine() throws IOException {
    Path file = work.resolve("prompts.jsonl");
    Files.writeString(file, "{\"prompt\": [{\"role\": \"user\", \"content\": \"Hi.\"}]}\n"
        + "{\"prompt\": [{\"role\": \"tool\", \"content\": \"42\"}, {\"role\": \"user\", \"content\": \"So?\"}]}\n");
    try (HfTokenizer llama = ChatFixtures.tokenizer("llama")) {
      assertThatThrownBy(() -> DemonstrationReader.prompts(Uris.of(file), llama.chatTemplate())).isInstanceOf(BadInputException.class)
          .hasMessage(file + ": 1 malformed line: line 2: " + ChatFixtures.resource("/hf/llama/tokenizer_config.json")
              + ": chat_template: Unknown role: tool");
    }
  }

  /** A template whose generation prompt differs from how it starts an assistant message: the completion cannot be cut off. */
  @Test
  void aRenderedPromptThatIsNotAPrefixOfTheWholeIsBadInputNamingTheLine() throws IOException {
    Path model = Files.createDirectories(work.resolve("model"));
    Path fixture = ChatFixtures.resource("/hf/qwen2");
    Files.copy(fixture.resolve(HfTokenizer.FILE), model.resolve(HfTokenizer.FILE));
    JsonObject config = JsonParser.parseString(Files.readString(fixture.resolve(HfTokenizer.CONFIG))).getAsJsonObject();
    config.addProperty("chat_template", "{% for m in messages %}{{ m['role'] + ': ' + m['content'] + '\\n' }}{% endfor %}"
        + "{% if add_generation_prompt %}{{ 'assistant:\\n' }}{% endif %}");
    Files.writeString(model.resolve(HfTokenizer.CONFIG), config.toString());
    String sft = uri("/datasets/conversational-sft.jsonl");
    try (HfTokenizer tokenizer = HfTokenizer.load(model)) {
      ChatTemplate template = tokenizer.chatTemplate().orElseThrow();
      assertThat(template.render(List.of(new Message("user", "Hi.")), true)).isEqualTo("user: Hi.\nassistant:\n");
      assertThatThrownBy(() -> DemonstrationReader.demonstrations(sft, Optional.of(template))).isInstanceOf(BadInputException.class)
          .hasMessageContaining(": 2 malformed lines: line 1: the chat template's text for the prompt followed by 'completion' does not"
              + " start with its text for the prompt with the generation prompt, so 'completion' cannot be cut off it; line 2: ");
    }
  }
}
