package dev.alignment.trainer.hf;

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
    return new HfFiles(directory, config, companions);
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

  /** The same files with another config (the companions are shared, never copied). */
  HfFiles withConfig(ObjectNode replaced) {
    return new HfFiles(origin, replaced, companions);
  }
}
