package dev.alignment.trainer.hf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Saving a Hugging Face directory: what the loader reads back, and the file layout transformers expects. */
class HfDirectoryWriterTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir
  Path temp;

  @ParameterizedTest
  @ValueSource(strings = {"gpt2", "llama", "qwen2"})
  void aTrainedModelSavedAndLoadedAgainGivesIdenticalLogits(String fixture) {
    try (NDManager manager = NDManager.newBaseManager()) {
      HfModel model = HfModel.load(HfFixtures.dir(fixture), manager);
      HfFixtures.Batch batch = HfFixtures.batch(manager, fixture);
      NDArray ids = batch.ids();
      NDArray mask = batch.mask();
      NDArray before = model.forward(ids, mask);
      TinyTraining.train(model, ids, mask, 3);
      NDArray trained = model.forward(ids, mask);
      assertThat(HfFixtures.maxAbsDiff(trained, before, mask)).isGreaterThan(1e-3);

      Path saved = temp.resolve(fixture);
      HfDirectoryWriter.save(model, saved);
      NDArray reloaded = HfModel.load(saved, manager).forward(ids, mask);
      assertThat(HfFixtures.maxAbsDiff(reloaded, trained, mask)).isZero();
      assertThatThrownBy(() -> HfDirectoryWriter.save(model, saved)).hasMessageContaining("already exists");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"gpt2", "gpt2-float16", "llama", "qwen2", "qwen2-bfloat16", "gpt2-reward", "llama-reward"})
  void theSavedDirectoryHasTheCheckpointsNamesShapesF32AndTheLoadedConfig(String fixture) throws IOException {
    Path source = HfFixtures.dir(fixture);
    Path saved = temp.resolve(fixture);
    try (NDManager manager = NDManager.newBaseManager()) {
      HfModel model = HfModel.load(source, manager);
      HfDirectoryWriter.save(model, saved);

      Map<String, NDArray> original = SafetensorsFile.read(manager, source.resolve("model.safetensors"));
      byte[] file = Files.readAllBytes(saved.resolve("model.safetensors"));
      long headerLength = ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
      assertThat(headerLength % 8).isZero();
      JsonNode header = MAPPER.readTree(Arrays.copyOfRange(file, 8, (int) (8 + headerLength)));
      assertThat(header.get("__metadata__")).isEqualTo(MAPPER.readTree("{\"format\":\"pt\"}"));
      List<String> names = new ArrayList<>();
      header.fieldNames().forEachRemaining(names::add);
      names.remove("__metadata__");
      assertThat(names).isSorted().containsExactlyInAnyOrderElementsOf(original.keySet());
      long offset = 0;
      for (String name : names) {
        JsonNode entry = header.get(name);
        assertThat(entry.get("dtype").asText()).isEqualTo("F32");
        long[] shape = MAPPER.convertValue(entry.get("shape"), long[].class);
        assertThat(shape).as(name).containsExactly(original.get(name).getShape().getShape());
        assertThat(entry.get("data_offsets").get(0).asLong()).isEqualTo(offset);
        offset = entry.get("data_offsets").get(1).asLong();
        assertThat(offset - entry.get("data_offsets").get(0).asLong())
            .isEqualTo(original.get(name).size() * Float.BYTES);
      }
      assertThat(8 + headerLength + offset).isEqualTo(file.length);

      JsonNode loadedConfig = MAPPER.readTree(source.resolve("config.json").toFile());
      JsonNode savedConfig = MAPPER.readTree(saved.resolve("config.json").toFile());
      assertThat(fieldNames(savedConfig)).isEqualTo(fieldNames(loadedConfig));
      assertThat(savedConfig.get("dtype").asText()).isEqualTo("float32");
      assertThat(savedConfig.get("architectures")).isEqualTo(loadedConfig.get("architectures"));
      for (String copied : HfFiles.COMPANIONS) {
        assertThat(Files.exists(saved.resolve(copied))).isEqualTo(Files.exists(source.resolve(copied)));
        if (Files.exists(source.resolve(copied))) {
          assertThat(saved.resolve(copied)).hasSameBinaryContentAs(source.resolve(copied));
        }
      }

      HfModel reread = HfModel.load(saved, manager);
      assertThat(reread.parametersByName().keySet()).isEqualTo(model.parametersByName().keySet());
      model.parametersByName().forEach((name, parameter) ->
          assertThat(reread.parametersByName().get(name).getArray().contentEquals(parameter.getArray()))
              .as(name).isTrue());
    }
    try (var siblings = Files.list(temp)) {
      assertThat(siblings.map(p -> p.getFileName().toString())).containsExactly(fixture);
    }
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }
}
