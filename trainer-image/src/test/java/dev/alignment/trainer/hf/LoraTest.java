package dev.alignment.trainer.hf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.alignment.trainer.base.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** LoRA adapters: zero init, training only the adapters, switching them off, merging, and PEFT directories. */
class LoraTest {
  private static final List<String> LLAMA_ALL =
      List.of("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj");
  private static final List<String> GPT2_ALL = List.of("c_attn", "c_proj", "c_fc");

  @TempDir
  Path temp;

  @ParameterizedTest
  @ValueSource(strings = {"gpt2", "llama", "qwen2"})
  void adaptersTrainAloneSwitchOffToTheBaseAndMergeIntoTheSameLogits(String fixture) {
    try (NDManager manager = NDManager.newBaseManager()) {
      HfModel model = HfModel.load(HfFixtures.dir(fixture), manager);
      HfFixtures.Batch batch = HfFixtures.batch(manager, fixture);
      NDArray base = model.forward(batch.ids(), batch.mask());
      Map<String, NDArray> baseWeights = new LinkedHashMap<>();
      model.parametersByName().forEach((name, parameter) -> baseWeights.put(name, parameter.getArray().duplicate()));

      model.attachLora(new LoraSettings(4, 8, 0.05, fixture.equals("gpt2") ? GPT2_ALL : LLAMA_ALL), 1);
      int projections = fixture.equals("gpt2") ? 4 : 7;
      assertThat(model.lora().byName()).hasSize(projections * 2);
      assertThat(HfFixtures.maxAbsDiff(model.forward(batch.ids(), batch.mask()), base, batch.mask())).isZero();

      TinyTraining.train(model, batch.ids(), batch.mask(), 3);
      model.parametersByName().forEach((name, parameter) ->
          assertThat(parameter.getArray().contentEquals(baseWeights.get(name))).as("%s frozen", name).isTrue());
      NDArray adapted = model.forward(batch.ids(), batch.mask());
      assertThat(HfFixtures.maxAbsDiff(adapted, base, batch.mask())).isGreaterThan(1e-3);
      model.lora().setEnabled(false);
      assertThat(HfFixtures.maxAbsDiff(model.forward(batch.ids(), batch.mask()), base, batch.mask())).isZero();
      model.lora().setEnabled(true);

      Path peft = temp.resolve("adapter");
      PeftAdapterDirectory.save(model, peft);
      HfModel reloaded = HfModel.load(HfFixtures.dir(fixture), manager);
      PeftAdapterDirectory.load(reloaded, peft, manager);
      assertThat(HfFixtures.maxAbsDiff(reloaded.forward(batch.ids(), batch.mask()), adapted, batch.mask())).isZero();

      model.mergeLora();
      double mergedDiff = HfFixtures.maxAbsDiff(model.forward(batch.ids(), batch.mask()), adapted, batch.mask());
      System.out.printf("[hf-lora] %s merged vs unmerged logits max abs diff %.3e%n", fixture, mergedDiff);
      assertThat(mergedDiff).isLessThanOrEqualTo(1e-5);
      Path merged = temp.resolve("merged");
      HfDirectoryWriter.save(model, merged);
      assertThat(HfFixtures.maxAbsDiff(HfModel.load(merged, manager).forward(batch.ids(), batch.mask()),
          model.forward(batch.ids(), batch.mask()), batch.mask())).isZero();
    }
  }

  @Test
  void thePeftFixtureGivesItsReferenceLogitsOnOffAndMerged() {
    try (NDManager manager = NDManager.newBaseManager()) {
      HfModel model = HfModel.load(HfFixtures.dir("llama"), manager);
      HfFixtures.Batch batch = HfFixtures.batch(manager, "llama-lora");
      Map<String, NDArray> expected = HfFixtures.referenceTensors(manager, "llama-lora");
      NDArray base = model.forward(batch.ids(), batch.mask());
      PeftAdapterDirectory.load(model, HfFixtures.dir("llama-lora"), manager);
      assertThat(model.lora().byName()).hasSize(4);

      double withAdapter = HfFixtures.maxAbsDiff(
          model.forward(batch.ids(), batch.mask()), expected.get("logits_with_adapter"), batch.mask());
      model.lora().setEnabled(false);
      NDArray off = model.forward(batch.ids(), batch.mask());
      model.lora().setEnabled(true);
      model.mergeLora();
      double merged = HfFixtures.maxAbsDiff(
          model.forward(batch.ids(), batch.mask()), expected.get("logits_merged"), batch.mask());
      System.out.printf("[hf-lora] llama-lora with adapter max abs diff %.3e, merged %.3e%n", withAdapter, merged);
      assertThat(withAdapter).isLessThanOrEqualTo(1e-4);
      assertThat(merged).isLessThanOrEqualTo(1e-4);
      assertThat(HfFixtures.maxAbsDiff(off, base, batch.mask())).isZero();
    }
  }

  @Test
  void anAdapterWithAMisshapenOrUnexpectedTensorIsRefusedNamingFileAndTensor() throws IOException {
    Path adapter = Files.createDirectories(temp.resolve("bad-adapter"));
    Files.copy(HfFixtures.dir("llama-lora").resolve(PeftAdapterDirectory.CONFIG),
        adapter.resolve(PeftAdapterDirectory.CONFIG));
    try (NDManager manager = NDManager.newBaseManager()) {
      Map<String, NDArray> tensors = new LinkedHashMap<>(SafetensorsFile.read(manager,
          HfFixtures.dir("llama-lora").resolve(PeftAdapterDirectory.WEIGHTS)));
      String a = "base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight";
      tensors.put(a, manager.zeros(new Shape(4, 16)));
      tensors.put("base_model.model.model.layers.0.self_attn.k_proj.lora_A.weight", manager.zeros(new Shape(4, 32)));
      SafetensorsWriter.write(adapter.resolve(PeftAdapterDirectory.WEIGHTS), tensors);
      HfModel model = HfModel.load(HfFixtures.dir("llama"), manager);
      assertThatThrownBy(() -> PeftAdapterDirectory.load(model, adapter, manager))
          .isInstanceOf(BadInputException.class)
          .hasMessageContaining(adapter.resolve(PeftAdapterDirectory.WEIGHTS).toString())
          .hasMessageContaining("tensor " + a + " has shape (4, 16), expected (4, 32)")
          .hasMessageContaining("unexpected tensor base_model.model.model.layers.0.self_attn.k_proj.lora_A.weight");
      assertThat(model.lora().byName()).isEmpty();
    }
  }

  @Test
  void aTargetThatIsNotAProjectionOfTheFamilyIsRefused() {
    try (NDManager manager = NDManager.newBaseManager()) {
      HfModel model = HfModel.load(HfFixtures.dir("gpt2"), manager);
      assertThatThrownBy(() -> model.attachLora(new LoraSettings(4, 8, 0, List.of("q_proj")), 1))
          .hasMessageContaining("\"q_proj\"").hasMessageContaining("c_attn");
    }
  }

  @Test
  void aCheckpointOfALoraModelHoldsItsAdaptersAndRestoresThem() throws Exception {
    try (NDManager manager = NDManager.newBaseManager()) {
      LoraSettings settings = new LoraSettings(2, 4, 0, List.of("q_proj", "v_proj"));
      HfModel saved = HfModel.load(HfFixtures.dir("llama"), manager);
      saved.attachLora(settings, 1);
      saved.lora().byName().values().forEach(adapter -> adapter.b().getArray().addi(0.5f));
      Path file = temp.resolve("model.params");
      dev.alignment.trainer.model.ParameterFiles.write(saved, file);

      HfModel restored = HfModel.load(HfFixtures.dir("llama"), manager);
      restored.attachLora(settings, 2);
      dev.alignment.trainer.model.ParameterFiles.read(restored, file, manager);
      saved.lora().byName().forEach((name, adapter) -> {
        LoraAdapter back = restored.lora().byName().get(name);
        assertThat(back.a().getArray().toFloatArray()).isEqualTo(adapter.a().getArray().toFloatArray());
        assertThat(back.b().getArray().toFloatArray()).isEqualTo(adapter.b().getArray().toFloatArray());
      });
    }
  }
}
