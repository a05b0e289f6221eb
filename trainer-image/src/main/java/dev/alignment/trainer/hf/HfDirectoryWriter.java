package dev.alignment.trainer.hf;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Saves a model as a Hugging Face directory that {@code from_pretrained} loads: the loaded {@code config.json} with
 * its keys kept (the dtype now float32), {@code model.safetensors} under the checkpoint's own tensor names and
 * layouts (F32, a tied head only as the embedding), and the source's tokenizer and generation files. It is written
 * to a temporary sibling directory and renamed into place, so a reader never sees half a directory.
 */
public final class HfDirectoryWriter {
  static final List<String> COPIED = List.of(
      "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "generation_config.json");
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private HfDirectoryWriter() {}

  /** Writes {@code target}, which must not exist yet. */
  public static void save(HfModel model, Path target) {
    Map<String, NDArray> tensors = new LinkedHashMap<>();
    model.parametersByName().forEach((name, parameter) -> tensors.put(name, parameter.getArray()));
    Path source = model.source();
    if (Files.exists(target)) {
      throw new IllegalArgumentException(target + ": already exists; a model directory is written once");
    }
    Path absolute = target.toAbsolutePath();
    Path temporary = null;
    try {
      temporary = Files.createTempDirectory(absolute.getParent(), "." + absolute.getFileName() + ".");
      writeConfig(source.resolve(HfConfig.FILE), temporary.resolve(HfConfig.FILE));
      SafetensorsWriter.write(temporary.resolve(SafetensorsWeights.SINGLE), tensors);
      for (String file : COPIED) {
        if (Files.exists(source.resolve(file))) {
          Files.copy(source.resolve(file), temporary.resolve(file));
        }
      }
      Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      deleteQuietly(temporary);
      throw new UncheckedIOException("cannot write the model directory " + target + ": " + e.getMessage(), e);
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

  private static void deleteQuietly(Path directory) {
    if (directory == null) {
      return;
    }
    try (var paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException ignored) {
      // the temporary directory is hidden and only left behind after a failed write
    }
  }
}
