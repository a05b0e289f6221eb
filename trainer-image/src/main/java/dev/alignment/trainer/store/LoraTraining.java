package dev.alignment.trainer.store;

import dev.alignment.contract.LoraBlock;
import dev.alignment.contract.LoraOutput;
import dev.alignment.trainer.base.BadInputException;
import dev.alignment.trainer.hf.HfNetwork;
import dev.alignment.trainer.hf.LoraSettings;
import dev.alignment.trainer.model.LanguageModel;
import dev.alignment.trainer.model.TransformerModel;
import java.util.Optional;

/**
 * {@code training.lora} on a stage's model: adapters on a Hugging Face model's projections (PEFT's default modules
 * for the family unless named), the base frozen, saved merged or as a PEFT adapter directory; and the reference
 * policy as the same weights with the adapters off.
 */
public final class LoraTraining {
  private LoraTraining() {}

  /** Attaches the adapters the block asks for, if any; refuses the built-in transformer. */
  public static void attach(TransformerModel model, Optional<LoraBlock> lora, String uri, long seed) {
    if (lora.isEmpty()) {
      return;
    }
    if (!(model.network() instanceof HfNetwork network)) {
      throw new BadInputException("training.lora: LoRA needs a Hugging Face model (a file:// model directory or "
          + "builtin://gpt2-tiny|gpt2-small); " + uri + " is the built-in transformer");
    }
    LoraBlock block = lora.get();
    LoraSettings settings = new LoraSettings(block.rank(), block.alpha(), block.dropout(),
        block.targetModules() == null ? network.model().defaultLoraModules() : block.targetModules());
    try {
      network.attachLora(settings, block.output() == LoraOutput.adapter, seed);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("training.lora.targetModules: " + e.getMessage(), e);
    }
  }

  /** The policy with its adapters off, sharing its weights; the policy itself when it has no adapters. */
  public static LanguageModel base(LanguageModel policy) {
    if (policy.network() instanceof HfNetwork network && network.hasAdapters()) {
      return new LanguageModel(network.withoutAdapters(), policy.tokenizer(), policy.contextLength());
    }
    return policy;
  }
}
