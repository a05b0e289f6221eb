package dev.alignment.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.alignment.trainer.data.TextTokenizer;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The trainable network under a model: token ids (B, T), right-padded, to one output vector per position (B, T, W),
 * W the vocabulary for a language model and 1 for a scalar model. The built-in transformer and Hugging Face
 * checkpoints are the two kinds; each saves itself in its own format.
 */
public interface Network {
  /** The DJL block that holds the parameters. */
  Block block();

  NDArray outputs(ParameterStore ps, NDArray tokens, boolean training);

  /** The longest sequence the network can read (its position table). */
  int positions();

  /** Writes the model directory at {@code dir}, replacing it whole, with the tokenizer's files beside it. */
  void save(Path dir, TextTokenizer tokenizer) throws IOException;

  /** One-hot (B, L) at the position a scalar head's score is read for each sequence of the batch. */
  default NDArray scorePositions(TokenBatch batch, NDManager manager) {
    return batch.lastTokenMask(manager);
  }
}
