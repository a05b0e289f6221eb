package dev.alignment.trainer.model;

import dev.alignment.trainer.data.TextTokenizer;
import java.util.Arrays;
import java.util.OptionalInt;

/** A prompt's and a completion's token ids; a finished completion ends with the end-of-sequence id. */
public record Sequence(int[] prompt, int[] completion) {
  /** Tokenizes a text pair and closes the completion with end-of-sequence. */
  public static Sequence of(TextTokenizer tokenizer, String prompt, String completion) {
    int[] completionIds = tokenizer.encode(completion);
    int[] closed = Arrays.copyOf(completionIds, completionIds.length + 1);
    closed[completionIds.length] = tokenizer.eosId();
    return new Sequence(promptIds(tokenizer, prompt), closed);
  }

  /**
   * A prompt's ids as the model reads them: after the tokenizer's BOS when it puts one first (unless the text, say a
   * rendered chat template, already begins with it), and never empty (an empty prompt is BOS, else EOS, as GPT-2
   * starts unconditioned text with it).
   */
  public static int[] promptIds(TextTokenizer tokenizer, String prompt) {
    int[] ids = tokenizer.encode(prompt);
    OptionalInt bos = tokenizer.bosId();
    if (bos.isPresent() && (ids.length == 0 || ids[0] != bos.getAsInt())) {
      int[] withBos = new int[ids.length + 1];
      withBos[0] = bos.getAsInt();
      System.arraycopy(ids, 0, withBos, 1, ids.length);
      return withBos;
    }
    return ids.length == 0 ? new int[] {tokenizer.eosId()} : ids;
  }
}
