package dev.alignment.trainer.hf;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import dev.alignment.trainer.base.BadInputException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every broken copy in hf/bad/ is refused as bad input (exit 2) naming the file and the key or tensor. */
class HfBadInputTest {
  static Stream<Arguments> badFixtures() {
    return Stream.of(
        Arguments.of("unknown-architecture", new String[] {"config.json", "mamba", "MambaForCausalLM"}),
        Arguments.of("missing-config-key", new String[] {"config.json", "hidden_size"}),
        Arguments.of("wrong-shape", new String[] {"model.safetensors", "model.layers.0.self_attn.k_proj.weight",
            "(32, 32)", "expected (16, 32)"}),
        Arguments.of("missing-weight",
            new String[] {"model.safetensors", "missing tensor model.layers.1.mlp.down_proj.weight"}),
        Arguments.of("renamed-weight", new String[] {"model.safetensors", "missing tensor model.norm.weight",
            "unexpected tensor model.final_norm.weight"}),
        Arguments.of("corrupt-header-length", new String[] {"model.safetensors", "1099511627776", "longer than the file"}),
        Arguments.of("corrupt-header-json", new String[] {"model.safetensors", "invalid safetensors header JSON"}));
  }

  @ParameterizedTest
  @MethodSource("badFixtures")
  void refusedNamingFileAndKeyOrTensor(String fixture, String[] named) {
    try (NDManager manager = NDManager.newBaseManager()) {
      assertThatThrownBy(() -> HfModel.load(HfFixtures.dir("bad/" + fixture), manager))
          .isInstanceOf(BadInputException.class)
          .satisfies(e -> System.out.println("[hf-bad] " + fixture + ": " + e.getMessage()))
          .message().contains(named);
    }
  }
}
