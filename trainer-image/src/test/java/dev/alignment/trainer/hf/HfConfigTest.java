package dev.alignment.trainer.hf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alignment.trainer.base.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** config.json into the family records, and refusals that name the file and the key. */
class HfConfigTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir
  Path temp;

  @Test
  void readsEachFamilyFromItsArchitecture() {
    Gpt2Config gpt2 = (Gpt2Config) HfConfig.read(HfFixtures.dir("gpt2"));
    assertThat(gpt2.architecture()).isEqualTo("GPT2LMHeadModel");
    assertThat(gpt2.task()).isEqualTo(HfTask.CAUSAL_LM);
    assertThat(gpt2).extracting(Gpt2Config::hiddenSize, Gpt2Config::layers, Gpt2Config::heads, Gpt2Config::innerSize,
        Gpt2Config::maxPositions, Gpt2Config::vocabSize, Gpt2Config::tieWordEmbeddings)
        .containsExactly(32, 2, 4, 64, 128, 512, true);
    assertThat(gpt2.layerNormEpsilon()).isEqualTo(1e-5);

    LlamaConfig llama = (LlamaConfig) HfConfig.read(HfFixtures.dir("llama"));
    assertThat(llama).extracting(LlamaConfig::heads, LlamaConfig::keyValueHeads, LlamaConfig::headSize,
        LlamaConfig::intermediateSize, LlamaConfig::tieWordEmbeddings, LlamaConfig::qkvBias, LlamaConfig::outputBias)
        .containsExactly(4, 2, 8, 64, false, false, false);
    assertThat(llama.ropeTheta()).isEqualTo(50000.0);
    assertThat(llama.rmsNormEpsilon()).isEqualTo(1e-6);

    LlamaConfig qwen2 = (LlamaConfig) HfConfig.read(HfFixtures.dir("qwen2"));
    assertThat(qwen2).extracting(LlamaConfig::architecture, LlamaConfig::hiddenSize, LlamaConfig::headSize,
        LlamaConfig::tieWordEmbeddings, LlamaConfig::qkvBias, LlamaConfig::outputBias)
        .containsExactly("Qwen2ForCausalLM", 48, 12, true, true, false);

    HfConfig reward = HfConfig.read(HfFixtures.dir("llama-reward"));
    assertThat(reward.task()).isEqualTo(HfTask.SEQUENCE_CLASSIFICATION);
    assertThat(reward.numLabels()).isEqualTo(1);
    assertThat(reward.padTokenId()).hasValue(0);
  }

  @Test
  void mistypedKeyIsNamed() throws IOException {
    Path dir = configWith("llama", c -> c.put("num_attention_heads", "four"));
    assertThatThrownBy(() -> HfConfig.read(dir))
        .isInstanceOf(BadInputException.class)
        .hasMessageContainingAll(
            dir.resolve("config.json").toString(), "\"num_attention_heads\"", "expected an integer", "\"four\"");
  }

  @Test
  void unsupportedArchitectureOfAKnownTypeIsNamed() throws IOException {
    Path dir = configWith("llama", c -> c.putArray("architectures").add("LlamaForTokenClassification"));
    assertThatThrownBy(() -> HfConfig.read(dir))
        .isInstanceOf(BadInputException.class)
        .hasMessageContainingAll("config.json", "\"architectures\"", "LlamaForTokenClassification", "LlamaForCausalLM");
  }

  @Test
  void featuresThisImplementationLacksAreRefusedByKey() throws IOException {
    Path scaled = configWith("llama", c -> c.putObject("rope_scaling").put("rope_type", "linear"));
    assertThatThrownBy(() -> HfConfig.read(scaled)).hasMessageContainingAll("config.json", "\"rope_scaling\"");
    Path gelu = configWith("gpt2", c -> c.put("activation_function", "relu"));
    assertThatThrownBy(() -> HfConfig.read(gelu)).hasMessageContainingAll("config.json", "\"activation_function\"", "relu");
  }

  @Test
  void rewardModelWithoutPadTokenIsRefused() throws IOException {
    Path dir = configWith("llama-reward", c -> c.remove("pad_token_id"));
    Files.copy(HfFixtures.dir("llama-reward").resolve("model.safetensors"), dir.resolve("model.safetensors"));
    try (NDManager manager = NDManager.newBaseManager()) {
      assertThatThrownBy(() -> HfModel.load(dir, manager))
          .isInstanceOf(BadInputException.class)
          .hasMessageContainingAll("config.json", "\"pad_token_id\"");
    }
  }

  private Path configWith(String fixture, Consumer<ObjectNode> change) throws IOException {
    ObjectNode config = (ObjectNode) MAPPER.readTree(HfFixtures.dir(fixture).resolve("config.json").toFile());
    change.accept(config);
    Path dir = Files.createDirectories(temp.resolve(fixture));
    MAPPER.writeValue(dir.resolve("config.json").toFile(), config);
    return dir;
  }
}
