package dev.alignment.trainer.hf;

import com.fasterxml.jackson.databind.JsonNode;
import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import dev.alignment.trainer.base.BadInputException;
import dev.alignment.trainer.data.ChatRenderer;
import dev.alignment.trainer.rows.Message;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code tokenizer_config.json}'s {@code chat_template} rendered with Jinjava in the environment transformers uses:
 * {@code trim_blocks} and {@code lstrip_blocks} on, the special tokens as variables, {@code raise_exception(msg)}.
 * Known Jinjava differences from Jinja2 (none in the fixtures' templates): {@code not a == b} binds as
 * {@code (not a) == b}, booleans print as {@code true}/{@code false}, {@code tojson} prints without spaces.
 */
public final class ChatTemplate implements ChatRenderer {
  private static final String KEY = "chat_template";

  private final Path file;
  private final String source;
  private final Map<String, Object> specialTokens;
  private final Jinjava jinjava;

  private ChatTemplate(Path file, String source, Map<String, Object> specialTokens) {
    this.file = file;
    this.source = source;
    this.specialTokens = specialTokens;
    jinjava = new Jinjava(JinjavaConfig.newBuilder()
        .withTrimBlocks(true)
        .withLstripBlocks(true)
        .build());
    jinjava.registerFunction(
        new ELFunctionDefinition("", "raise_exception", ChatTemplate.class, "raiseException", String.class));
  }

  /** The template of a tokenizer config, or empty where it has none. */
  static Optional<ChatTemplate> of(ConfigJson config, SpecialTokens tokens) {
    if (!config.has(KEY)) {
      return Optional.empty();
    }
    JsonNode node = config.root().get(KEY);
    if (!node.isTextual()) {
      throw config.problem(KEY, "expected the template as a string, found " + node.getNodeType());
    }
    return Optional.of(new ChatTemplate(config.file(), node.asText(), variables(tokens)));
  }

  private static Map<String, Object> variables(SpecialTokens tokens) {
    Map<String, Object> variables = new HashMap<>();
    tokens.bosToken().ifPresent(t -> variables.put("bos_token", t));
    tokens.eosToken().ifPresent(t -> variables.put("eos_token", t));
    tokens.padToken().ifPresent(t -> variables.put("pad_token", t));
    tokens.unkToken().ifPresent(t -> variables.put("unk_token", t));
    return Map.copyOf(variables);
  }

  /** The text transformers' {@code apply_chat_template(messages, tokenize=False, add_generation_prompt=...)} gives. */
  @Override
  public String render(List<Message> messages, boolean addGenerationPrompt) {
    Map<String, Object> bindings = new HashMap<>(specialTokens);
    bindings.put("messages", messages.stream().map(ChatTemplate::asMap).toList());
    bindings.put("add_generation_prompt", addGenerationPrompt);
    RenderResult result = jinjava.renderForResult(source, bindings);
    for (TemplateError error : result.getErrors()) {
      if (error.getSeverity() == TemplateError.ErrorType.FATAL) {
        throw new BadInputException(file + ": " + KEY + ": " + raisedMessage(error.getException())
            .orElse("cannot render (line " + error.getLineno() + "): " + error.getMessage()));
      }
    }
    return result.getOutput();
  }

  /** role then content, in that order, as a Python dict would iterate (and {@code tojson} print) them. */
  private static Map<String, Object> asMap(Message message) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("role", message.role());
    map.put("content", message.content());
    return map;
  }

  /** The template's {@code raise_exception(message)}: stops rendering with the template's own message. */
  public static String raiseException(String message) {
    throw new Raised(message);
  }

  /** The message of a {@code raise_exception} call somewhere in Jinjava's wrapping of the failure. */
  private static Optional<String> raisedMessage(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof Raised raised) {
        return Optional.of(raised.getMessage());
      }
    }
    return Optional.empty();
  }

  /** What {@code raise_exception} throws, to be told apart from Jinjava's own errors. */
  private static final class Raised extends RuntimeException {
    Raised(String message) {
      super(message);
    }
  }
}
