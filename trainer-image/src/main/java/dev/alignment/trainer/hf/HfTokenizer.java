package dev.alignment.trainer.hf;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.alignment.trainer.base.BadInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A Hugging Face directory's tokenizer: {@code tokenizer.json} through DJL's tokenizers, special tokens from
 * {@code tokenizer_config.json} and {@code generation_config.json}, and the chat template if the config has one.
 */
public final class HfTokenizer implements AutoCloseable {
  public static final String FILE = "tokenizer.json";
  public static final String CONFIG = "tokenizer_config.json";
  public static final String GENERATION_CONFIG = "generation_config.json";

  private final HuggingFaceTokenizer tokenizer;
  private final SpecialTokens specialTokens;
  private final Optional<ChatTemplate> chatTemplate;

  private HfTokenizer(HuggingFaceTokenizer tokenizer, SpecialTokens specialTokens, Optional<ChatTemplate> chatTemplate) {
    this.tokenizer = tokenizer;
    this.specialTokens = specialTokens;
    this.chatTemplate = chatTemplate;
  }

  /** The tokenizer of a directory holding {@code tokenizer.json} and {@code tokenizer_config.json}. */
  public static HfTokenizer load(Path directory) {
    return load(HfFiles.tokenizerOnly(directory));
  }

  /** The tokenizer of a model's files. */
  public static HfTokenizer load(HfFiles files) {
    Path file = files.origin().resolve(FILE);
    ConfigJson tokenizerJson = files.companionJson(FILE)
        .orElseThrow(() -> new BadInputException(file + ": file not found"));
    ConfigJson config = files.companionJson(CONFIG)
        .orElseThrow(() -> new BadInputException(files.origin().resolve(CONFIG) + ": file not found"));
    SpecialTokens special = specialTokens(config, files.companionJson(GENERATION_CONFIG), addedTokens(tokenizerJson));
    HuggingFaceTokenizer tokenizer;
    try (InputStream in = new ByteArrayInputStream(files.companions().get(FILE))) {
      tokenizer = HuggingFaceTokenizer.newInstance(in, Map.of("truncation", "false", "padding", "false"));
    } catch (IOException | RuntimeException e) {
      throw new BadInputException(file + ": cannot load tokenizer: " + e.getMessage(), e);
    }
    return new HfTokenizer(tokenizer, special, ChatTemplate.of(config, special));
  }

  public SpecialTokens specialTokens() {
    return specialTokens;
  }

  /** The chat template, or empty where {@code tokenizer_config.json} has none (conversational data must be refused). */
  public Optional<ChatTemplate> chatTemplate() {
    return chatTemplate;
  }

  /** Ids as transformers' {@code encode(text, add_special_tokens=...)} gives them, and the token strings. */
  public TokenizedText encode(String text, boolean addSpecialTokens) {
    Encoding encoding = tokenizer.encode(text, addSpecialTokens, false);
    return new TokenizedText(encoding.getIds(), List.of(encoding.getTokens()));
  }

  public String decode(long[] ids, boolean skipSpecialTokens) {
    return tokenizer.decode(ids, skipSpecialTokens);
  }

  @Override
  public void close() {
    tokenizer.close();
  }

  /** {@code tokenizer.json}'s added tokens (where the special tokens live), content to id. */
  private static Map<String, Integer> addedTokens(ConfigJson tokenizerJson) {
    Map<String, Integer> ids = new HashMap<>();
    JsonNode added = tokenizerJson.root().path("added_tokens");
    added.forEach(token -> ids.put(token.path("content").asText(), token.path("id").asInt()));
    return ids;
  }

  private static SpecialTokens specialTokens(
      ConfigJson config, Optional<ConfigJson> generation, Map<String, Integer> addedTokens) {
    Optional<String> bos = token(config, "bos_token");
    Optional<String> eos = token(config, "eos_token");
    Optional<String> pad = token(config, "pad_token");
    OptionalInt bosId = id(config, "bos_token", bos, addedTokens);
    OptionalInt eosId = id(config, "eos_token", eos, addedTokens);
    OptionalInt padId = id(config, "pad_token", pad, addedTokens);
    List<Integer> eosIds = generation.filter(g -> g.has("eos_token_id")).map(HfTokenizer::eosIds)
        .orElse(eosId.isPresent() ? List.of(eosId.getAsInt()) : List.of());
    return new SpecialTokens(bos, bosId, eos, eosIds, pad, padId, token(config, "unk_token"));
  }

  /** A special token entry: a string, or (older files) an object whose {@code content} is the string. */
  private static Optional<String> token(ConfigJson config, String key) {
    if (!config.has(key)) {
      return Optional.empty();
    }
    JsonNode node = config.root().get(key);
    if (node.isTextual()) {
      return Optional.of(node.asText());
    }
    if (node.isObject() && node.path("content").isTextual()) {
      return Optional.of(node.get("content").asText());
    }
    throw config.problem(key, "expected a token string or {\"content\": ...}, found " + node);
  }

  private static OptionalInt id(ConfigJson config, String key, Optional<String> token, Map<String, Integer> addedTokens) {
    if (token.isEmpty()) {
      return OptionalInt.empty();
    }
    Integer id = addedTokens.get(token.get());
    if (id == null) {
      throw config.problem(key, "token \"" + token.get() + "\" is not among " + FILE + "'s added tokens");
    }
    return OptionalInt.of(id);
  }

  private static List<Integer> eosIds(ConfigJson generation) {
    JsonNode node = generation.root().get("eos_token_id");
    if (node.isInt()) {
      return List.of(node.asInt());
    }
    if (node.isArray() && node.size() > 0) {
      List<Integer> ids = new ArrayList<>();
      for (JsonNode id : node) {
        if (!id.isInt()) {
          throw generation.problem("eos_token_id", "expected an integer or a list of integers, found " + node);
        }
        ids.add(id.asInt());
      }
      return List.copyOf(ids);
    }
    throw generation.problem("eos_token_id", "expected an integer or a list of integers, found " + node);
  }
}
