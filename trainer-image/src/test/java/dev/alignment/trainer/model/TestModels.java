package dev.alignment.trainer.model;

import ai.djl.ndarray.NDManager;
import dev.alignment.trainer.data.TextTokenizer;

/** Fresh built-in models for tests, fed sequences up to their architecture's context length. */
public final class TestModels {
  private TestModels() {}

  public static TransformerModel fresh(ModelKind kind, Architecture architecture, TextTokenizer tokenizer, NDManager manager, long seed) {
    BuiltinNetwork network = BuiltinModels.fresh(kind, architecture, tokenizer.vocabSize(), manager, seed);
    return kind == ModelKind.LANGUAGE
        ? new LanguageModel(network, tokenizer, network.positions())
        : new ScalarModel(network, tokenizer, network.positions());
  }
}
