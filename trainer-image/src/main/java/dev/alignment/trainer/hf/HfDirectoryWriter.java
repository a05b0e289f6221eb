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
import java.util.Map;

/**
 * Saves a model as a Hugging Face directory that {@code from_pretrained} loads: the loaded {@code config.json} with
 * its keys kept (the dtype now float32), {@code model.safetensors} under the checkpoint's own tensor names and
 * layouts (F32, a tied head only as the embedding), and the source's tokenizer and generation files, written whole
 * ({@link AtomicDirectory}). LoRA adapters are not saved here: merge them first, or save a PEFT adapter directory.
 */
public final class HfDirectoryWriter {
  static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private HfDirectoryWriter() {}

  /** Writes {@code target}, which must not exist yet. */
  public static void save(HfModel model, Path target) {
    write(model, target, AtomicDirectory::writeNew);
  }

  /** Writes {@code target}, replacing it whole if it exists (a stage's output written again on a retry). */
  public static void replace(HfModel model, Path target) {
    write(model, target, AtomicDirectory::write);
  }

  private static void write(HfModel model, Path target, DirectoryWrite how) {
    if (!model.lora().byName().isEmpty()) {
      throw new IllegalStateException("the model has LoRA adapters: merge them (mergeLora) or save them as PEFT");
    }
    Map<String, NDArray> tensors = new LinkedHashMap<>();
    model.parametersByName().forEach((name, parameter) -> tensors.put(name, parameter.getArray()));
    HfFiles files = model.files();
    try {
      how.write(target, directory -> {
        writeConfig(files.config(), directory.resolve(HfConfig.FILE));
        SafetensorsWriter.write(directory.resolve(SafetensorsWeights.SINGLE), tensors);
        for (Map.Entry<String, byte[]> companion : files.companions().entrySet()) {
          Files.write(directory.resolve(companion.getKey()), companion.getValue());
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the directory " + target + ": " + e.getMessage(), e);
    }
  }

  /** One of {@link AtomicDirectory}'s ways to put a directory in place. */
  private interface DirectoryWrite {
    void write(Path target, AtomicDirectory.Contents contents) throws IOException;
  }

  private static void writeConfig(ObjectNode loaded, Path written) throws IOException {
    ObjectNode config = loaded.deepCopy();
    config.put("dtype", "float32");
    if (config.has("torch_dtype")) {
      config.put("torch_dtype", "float32");
    }
    MAPPER.writeValue(written.toFile(), config);
  }
}
