package dev.alignment.trainer.hf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.alignment.trainer.base.BadInputException;
import dev.alignment.trainer.data.TextTokenizer;
import dev.alignment.trainer.model.CachedSampling;
import dev.alignment.trainer.model.Network;
import dev.alignment.trainer.model.TokenBatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * A Hugging Face checkpoint as a stage's network: right-padded batches need no padding mask under causal attention
 * (no real token attends to a later pad), scores are read where transformers reads them (each sequence's last token
 * that is not {@code pad_token_id}), sampling uses the KV cache, and the model saves as a Hugging Face directory.
 */
public final class HfNetwork implements Network, CachedSampling {
  private final HfModel model;
  private final HfTextTokenizer tokenizer;
  private final Optional<Path> base;
  private boolean saveAdapters;

  /** {@code base}: the directory whose weights the model holds as loaded, which a PEFT adapter directory can name. */
  HfNetwork(HfModel model, HfTextTokenizer tokenizer, Optional<Path> base) {
    this.model = model;
    this.tokenizer = tokenizer;
    this.base = base;
  }

  /**
   * Attaches LoRA adapters (base frozen); with {@code saveAdapters} the model saves as a PEFT adapter directory on
   * its base, else merged. An adapter directory needs a causal LM whose base weights are a directory on disk.
   */
  public void attachLora(LoraSettings settings, boolean saveAdapters, long seed) {
    if (saveAdapters && (base.isEmpty() || model.config().task() != HfTask.CAUSAL_LM)) {
      throw new BadInputException("training.lora.output: adapter needs a causal language model loaded from a Hugging "
          + "Face directory, which the adapter names as its base; " + model.files().origin()
          + (base.isEmpty() ? " is not one (a preset, a converted head or merged adapters)" : " is a reward/value model")
          + "; use output: merged");
    }
    model.attachLora(settings, seed);
    this.saveAdapters = saveAdapters;
  }

  /** Whether LoRA adapters are attached. */
  public boolean hasAdapters() {
    return !model.lora().byName().isEmpty();
  }

  /** The same weights with the adapters switched off while it runs: a LoRA run's reference policy, no second copy. */
  public Network withoutAdapters() {
    return new AdaptersOff(this);
  }

  public HfModel model() {
    return model;
  }

  public HfTextTokenizer tokenizer() {
    return tokenizer;
  }

  @Override
  public Block block() {
    return model;
  }

  @Override
  public NDArray outputs(ParameterStore ps, NDArray tokens, boolean training) {
    return model.forward(ps, new NDList(tokens, tokens.onesLike()), training).head();
  }

  @Override
  public int positions() {
    return model.config().maxPositions();
  }

  /** Writes the directory: a PEFT adapter directory when LoRA asked for one, else the weights (adapters merged in). */
  @Override
  public void save(Path dir, TextTokenizer unused) {
    if (saveAdapters) {
      PeftAdapterDirectory.replace(model, dir);
      return;
    }
    if (!model.lora().byName().isEmpty()) {
      model.mergeLora();
    }
    HfDirectoryWriter.replace(model, dir);
  }

  @Override
  public NDArray scorePositions(TokenBatch batch, NDManager manager) {
    return batch.lastTokenMask(manager, model.config().padTokenId());
  }

  @Override
  public List<int[]> sample(List<int[]> prompts, double temperature, int maxNewTokens, NDManager manager, Random random) {
    int rows = prompts.size();
    int width = prompts.stream().mapToInt(p -> p.length).max().orElse(0);
    long[] ids = new long[rows * width];
    long[] mask = new long[rows * width];
    for (int r = 0; r < rows; r++) {
      int[] prompt = prompts.get(r);
      for (int t = 0; t < width; t++) {
        ids[r * width + t] = t < prompt.length ? prompt[t] : tokenizer.padId();
        mask[r * width + t] = t < prompt.length ? 1 : 0;
      }
    }
    GenerationSettings settings = new GenerationSettings(
        maxNewTokens, temperature, 1.0, random.nextLong(), tokenizer.stopIds(), tokenizer.padId());
    List<List<Integer>> generated;
    try (NDManager batch = manager.newSubManager()) {
      generated = new Generator(model).generate(batch,
          batch.create(ids, new Shape(rows, width)), batch.create(mask, new Shape(rows, width)), settings);
    }
    List<int[]> out = new ArrayList<>(rows);
    generated.forEach(tokens -> out.add(tokens.stream().mapToInt(Integer::intValue).toArray()));
    return out;
  }
}
