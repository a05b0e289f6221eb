package dev.alignment.trainer.hf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.alignment.trainer.data.TextTokenizer;
import dev.alignment.trainer.model.Network;
import dev.alignment.trainer.model.TokenBatch;
import java.nio.file.Path;

/** A LoRA network read with its adapters off: the frozen base, as TRL's PEFT runs get their reference policy. */
record AdaptersOff(HfNetwork adapted) implements Network {
  @Override
  public Block block() {
    return adapted.block();
  }

  @Override
  public NDArray outputs(ParameterStore ps, NDArray tokens, boolean training) {
    LoraAdapters adapters = adapted.model().lora();
    adapters.setEnabled(false);
    try {
      return adapted.outputs(ps, tokens, training);
    } finally {
      adapters.setEnabled(true);
    }
  }

  @Override
  public int positions() {
    return adapted.positions();
  }

  @Override
  public void save(Path dir, TextTokenizer tokenizer) {
    throw new UnsupportedOperationException("the reference view of a LoRA model is not saved");
  }

  @Override
  public NDArray scorePositions(TokenBatch batch, NDManager manager) {
    return adapted.scorePositions(batch, manager);
  }
}
