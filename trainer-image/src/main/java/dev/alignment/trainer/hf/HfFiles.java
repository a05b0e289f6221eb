package dev.alignment.trainer.hf;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alignment.trainer.base.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Hugging Face directory's small files, held in memory: {@code config.json} and the tokenizer and generation files
 * that are saved again beside every model made from it. {@code origin} names where they came from in messages.
 */
public record HfFiles(Path origin, ObjectNode config, Map<String, byte[]> companions) {
  /** The files saved beside the weights as they were read: tokenizer, its config and the generation defaults. */
  public static final List<String> COMPANIONS = List.of(
      HfTokenizer.FILE, HfTokenizer.CONFIG, "special_tokens_map.json", HfTokenizer.GENERATION_CONFIG);

  public HfFiles {
    companions = Map.copyOf(companions);
  }

  /** Reads {@code config.json} and whichever companion files the directory has. */
  public static HfFiles read(Path directory) {
    ObjectNode config = (ObjectNode) ConfigJson.read(directory.resolve(HfConfig.FILE)).root();
    return new HfFiles(directory, config, companions(directory));
  }

  /** A tokenizer directory's files, which need no {@code config.json} (the config is left empty). */
  static HfFiles tokenizerOnly(Path directory) {
    return new HfFiles(directory, HfDirectoryWriter.MAPPER.createObjectNode(), companions(directory));
  }

  private static Map<String, byte[]> companions(Path directory) {
    Map<String, byte[]> companions = new LinkedHashMap<>();
    for (String name : COMPANIONS) {
      Path file = directory.resolve(name);
      if (Files.isRegularFile(file)) {
        try {
          companions.put(name, Files.readAllBytes(file));
        } catch (IOException e) {
          throw new BadInputException(file + ": cannot read: " + e.getMessage(), e);
        }
      }
    }
    return companions;
  }

  /** The config as typed getters see it; problems name {@code origin/config.json}. */
  ConfigJson configJson() {
    return new ConfigJson(origin.resolve(HfConfig.FILE), config);
  }

  /** A companion file parsed as a JSON object, when present. */
  Optional<ConfigJson> companionJson(String name) {
    byte[] bytes = companions.get(name);
    return bytes == null ? Optional.empty() : Optional.of(ConfigJson.parse(origin.resolve(name), bytes));
  }

  /**
   * The same files with {@code chat_template} in {@code tokenizer_config.json} replaced, so that the models saved with
   * them render as the run did, here and in transformers.
   */
  HfFiles withChatTemplate(String template) {
    ConfigJson tokenizerConfig = companionJson(HfTokenizer.CONFIG)
        .orElseThrow(() -> new BadInputException(origin.resolve(HfTokenizer.CONFIG) + ": file not found"));
    ObjectNode replaced = ((ObjectNode) tokenizerConfig.root()).deepCopy().put("chat_template", template);
    Map<String, byte[]> files = new LinkedHashMap<>(companions);
    try {
      files.put(HfTokenizer.CONFIG, HfDirectoryWriter.MAPPER.writeValueAsBytes(replaced));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + HfTokenizer.CONFIG, e);
    }
    return new HfFiles(origin, config, files);
  }

  /** The same files with another config (the companions are shared, never copied). */
  HfFiles withConfig(ObjectNode replaced) {
    return new HfFiles(origin, replaced, companions);
  }
}
