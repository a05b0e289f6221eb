package dev.alignment.trainer.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alignment.trainer.hf.HfTokenizer;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** The Hugging Face fixtures' tokenizers (src/test/resources/hf) and their apply_chat_template renderings, for the data tests. */
final class ChatFixtures {
  private ChatFixtures() {}

  static Path resource(String name) {
    try {
      return Path.of(ChatFixtures.class.getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static HfTokenizer tokenizer(String fixture) {
    return HfTokenizer.load(resource("/hf/" + fixture));
  }

  /** transformers' {@code apply_chat_template(tokenize=False)} text for a named conversation of the fixture's reference. */
  static String rendering(String fixture, String conversation, boolean addGenerationPrompt) throws IOException {
    JsonNode reference = new ObjectMapper().readTree(resource("/hf/" + fixture + "/reference.json").toFile());
    for (JsonNode c : reference.get("chat_template").get("conversations")) {
      if (c.get("name").asText().equals(conversation) && c.get("add_generation_prompt").asBoolean() == addGenerationPrompt) {
        return c.get("text").asText();
      }
    }
    throw new IllegalArgumentException(fixture + " has no conversation " + conversation);
  }
}
