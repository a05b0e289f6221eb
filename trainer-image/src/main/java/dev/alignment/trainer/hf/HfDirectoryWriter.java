package dev.alignment.trainer.hf;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alignment.trainer.model.AtomicDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Saves a model as a Hugging Face directory that {@code from_pretrained} loads: the loaded {@code config.json} with
 * its keys kept (the dtype now float32), {@code model.safetensors} under the checkpoint's own tensor names and
 * layouts (F32, a tied head only as the embedding), and the source's tokenizer and generation files, written whole
 * ({@link AtomicDirectory}). LoRA adapters are not saved here: merge them first, or save a PEFT adapter directory.
 */
public final class HfDirectoryWriter {
  static final List<String> COPIED = List.of(
      "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "generation_config.json");
  static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private HfDirectoryWriter() {}

  /** Writes {@code target}, which must not exist yet. */
  public static void save(HfModel model, Path target) {
    if (!model.lora().byName().isEmpty()) {
      throw new IllegalStateException("the model has LoRA adapters: merge them (mergeLora) or save them as PEFT");
    }
    Map<String, NDArray> tensors = new LinkedHashMap<>();
    model.parametersByName().forEach((name, parameter) -> tensors.put(name, parameter.getArray()));
    Path source = model.source();
    try {
      AtomicDirectory.writeNew(target, directory -> {
        writeConfig(source.resolve(HfConfig.FILE), directory.resolve(HfConfig.FILE));
        SafetensorsWriter.write(directory.resolve(SafetensorsWeights.SINGLE), tensors);
        for (String file : COPIED) {
          if (Files.exists(source.resolve(file))) {
            Files.copy(source.resolve(file), directory.resolve(file));
          }
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the directory " + target + ": " + e.getMessage(), e);
    }
  }

  private static void writeConfig(Path loaded, Path written) throws IOException {
    ObjectNode config = (ObjectNode) ConfigJson.read(loaded).root().deepCopy();
    config.put("dtype", "float32");
    if (config.has("torch_dtype")) {
      config.put("torch_dtype", "float32");
    }
    MAPPER.writeValue(written.toFile(), config);
  }
}
