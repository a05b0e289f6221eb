package dev.alignment.trainer.hf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.engine.Engine;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alignment.trainer.base.BadInputException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Weight layouts beyond the fixtures' own: hub GPT-2 names, shard errors, and parameters that train. */
class HfWeightsTest {
  @TempDir
  Path temp;

  @Test
  void hubGpt2NamesWithoutTheTransformerPrefixLoadTheSameModel() throws IOException {
    try (NDManager manager = NDManager.newBaseManager()) {
      Path dir = Files.createDirectories(temp.resolve("gpt2-hub"));
      Files.copy(HfFixtures.dir("gpt2").resolve("config.json"), dir.resolve("config.json"));
      NDList renamed = new NDList();
      SafetensorsFile.read(manager, HfFixtures.dir("gpt2").resolve("model.safetensors")).forEach((name, array) -> {
        array.setName(name.substring("transformer.".length()));
        renamed.add(array);
      });
      try (OutputStream out = Files.newOutputStream(dir.resolve("model.safetensors"))) {
        renamed.encode(out, NDList.Encoding.SAFETENSORS);
      }
      HfModel model = HfModel.load(dir, manager);
      assertThat(model.parametersByName()).containsKey("wte.weight").doesNotContainKey("transformer.wte.weight");
      NDArray ids = manager.create(HfFixtures.matrix(HfFixtures.reference("gpt2").get("batch").get("input_ids")));
      NDArray mask = manager.create(HfFixtures.matrix(HfFixtures.reference("gpt2").get("batch").get("attention_mask")));
      NDArray expected = HfFixtures.referenceTensors(manager, "gpt2").get("logits");
      assertThat(HfFixtures.maxAbsDiff(model.forward(ids, mask), expected, mask)).isLessThanOrEqualTo(1e-4);
    }
  }

  @Test
  void aMisshapenTensorInAShardNamesTheShard() throws IOException {
    Path dir = Files.createDirectories(temp.resolve("sharded"));
    Path source = HfFixtures.dir("llama-sharded");
    try (var files = Files.list(source)) {
      for (Path file : files.toList()) {
        Files.copy(file, dir.resolve(file.getFileName()));
      }
    }
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode config = (ObjectNode) mapper.readTree(dir.resolve("config.json").toFile());
    config.put("intermediate_size", 48);
    mapper.writeValue(dir.resolve("config.json").toFile(), config);
    try (NDManager manager = NDManager.newBaseManager()) {
      assertThatThrownBy(() -> HfModel.load(dir, manager))
          .isInstanceOf(BadInputException.class)
          .hasMessageStartingWith(dir.resolve("model-00002-of-00003.safetensors") + ": tensor ")
          .hasMessageContaining("tensor model.layers.0.mlp.down_proj.weight has shape (32, 64), expected (32, 48)");
    }
  }

  @Test
  void everyParameterIsTrainableAndTheTiedHeadIsOneParameter() {
    try (NDManager manager = NDManager.newBaseManager()) {
      HfModel model = HfModel.load(HfFixtures.dir("qwen2"), manager);
      Map<String, Parameter> parameters = model.parametersByName();
      assertThat(parameters).hasSize(26).doesNotContainKey("lm_head.weight");
      assertThat(model.getParameters().size()).isEqualTo(parameters.size());
      NDArray ids = manager.create(new long[][] {{5, 17, 9, 33}});
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray logits = model.forward(new ParameterStore(manager, false), new NDList(ids, ids.onesLike()), true).head();
        collector.backward(logits.logSoftmax(-1).get(":, :, 7").sum());
      }
      parameters.forEach((name, parameter) ->
          assertThat(parameter.getArray().getGradient().abs().sum().getFloat()).as(name).isGreaterThan(0f));
    }
  }
}
