package dev.alignment.trainer.hf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.alignment.trainer.base.BadInputException;
import dev.alignment.trainer.rows.Message;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tokenizer ids, tokens and decodings, special tokens and chat templates against the fixtures' transformers output. */
class HfTokenizerTest {
  @ParameterizedTest
  @ValueSource(strings = {"gpt2", "llama", "qwen2"})
  void idsTokensAndDecodingsEqualTransformers(String fixture) {
    try (HfTokenizer tokenizer = HfTokenizer.load(HfFixtures.dir(fixture))) {
      for (JsonNode expected : HfFixtures.reference(fixture).get("tokenizer")) {
        String text = expected.get("text").asText();
        TokenizedText withSpecial = tokenizer.encode(text, true);
        long[] ids = HfFixtures.ids(expected.get("ids"));
        assertThat(withSpecial.ids()).as("%s ids of \"%s\"", fixture, text).containsExactly(ids);
        assertThat(withSpecial.tokens()).as("%s tokens of \"%s\"", fixture, text)
            .containsExactlyElementsOf(strings(expected.get("tokens")));
        assertThat(tokenizer.encode(text, false).ids()).as("%s ids without special tokens of \"%s\"", fixture, text)
            .containsExactly(HfFixtures.ids(expected.get("ids_without_special_tokens")));
        assertThat(tokenizer.decode(ids, false)).isEqualTo(expected.get("decoded").asText());
        assertThat(tokenizer.decode(ids, true)).isEqualTo(expected.get("decoded_skip_special_tokens").asText());
      }
    }
  }

  @Test
  void specialTokensComeFromTheTokenizerAndGenerationConfigs() {
    try (HfTokenizer llama = HfTokenizer.load(HfFixtures.dir("llama"));
        HfTokenizer qwen2 = HfTokenizer.load(HfFixtures.dir("qwen2"));
        HfTokenizer gpt2 = HfTokenizer.load(HfFixtures.dir("gpt2"))) {
      SpecialTokens l = llama.specialTokens();
      assertThat(l.bosToken()).contains("<s>");
      assertThat(l.bosId()).hasValue(1);
      assertThat(l.eosToken()).contains("</s>");
      assertThat(l.eosIds()).containsExactly(2);
      assertThat(l.padId()).hasValue(0);
      SpecialTokens q = qwen2.specialTokens();
      assertThat(q.bosToken()).isEmpty();
      assertThat(q.eosToken()).contains("<|im_end|>");
      assertThat(q.eosIds()).containsExactly(2, 0);
      assertThat(q.padToken()).contains("<|endoftext|>");
      SpecialTokens g = gpt2.specialTokens();
      assertThat(g.bosId()).hasValue(0);
      assertThat(g.eosIds()).containsExactly(0);
      assertThat(gpt2.chatTemplate()).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"llama", "qwen2"})
  void chatTemplateTextAndIdsEqualApplyChatTemplate(String fixture) {
    JsonNode reference = HfFixtures.reference(fixture).get("chat_template");
    try (HfTokenizer tokenizer = HfTokenizer.load(HfFixtures.dir(fixture))) {
      ChatTemplate template = tokenizer.chatTemplate().orElseThrow();
      for (JsonNode conversation : reference.get("conversations")) {
        boolean generationPrompt = conversation.get("add_generation_prompt").asBoolean();
        String text = template.render(messages(conversation.get("messages")), generationPrompt);
        assertThat(text).as("%s %s generation prompt %s", fixture, conversation.get("name").asText(), generationPrompt)
            .isEqualTo(conversation.get("text").asText());
        assertThat(tokenizer.encode(text, false).ids()).containsExactly(HfFixtures.ids(conversation.get("ids")));
      }
    }
  }

  @Test
  void raiseExceptionInTheTemplateIsBadInputWithItsMessage() {
    JsonNode error = HfFixtures.reference("llama").get("chat_template").get("unknown_role_error");
    try (HfTokenizer tokenizer = HfTokenizer.load(HfFixtures.dir("llama"))) {
      ChatTemplate template = tokenizer.chatTemplate().orElseThrow();
      assertThatThrownBy(() -> template.render(messages(error.get("messages")), false))
          .isInstanceOf(BadInputException.class)
          .hasMessageEndingWith("tokenizer_config.json: chat_template: " + error.get("message").asText());
    }
  }

  @Test
  void chatMlTemplateAcceptsAnyRole() {
    assertThat(HfFixtures.reference("qwen2").get("chat_template").get("unknown_role_error").isNull()).isTrue();
    try (HfTokenizer tokenizer = HfTokenizer.load(HfFixtures.dir("qwen2"))) {
      assertThat(tokenizer.chatTemplate().orElseThrow().render(List.of(new Message("tool", "42")), false))
          .isEqualTo("<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>tool\n42<|im_end|>\n");
    }
  }

  private static List<Message> messages(JsonNode list) {
    List<Message> out = new ArrayList<>();
    list.forEach(m -> out.add(new Message(m.get("role").asText(), m.get("content").asText())));
    return out;
  }

  private static List<String> strings(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.forEach(s -> out.add(s.asText()));
    return out;
  }
}
