package dev.alignment.trainer.model;

import dev.alignment.trainer.data.TextTokenizer;
import java.util.Arrays;

/** A prompt's and a completion's token ids; a finished completion ends with the end-of-sequence id. */
public record Sequence(int[] prompt, int[] completion) {
  /** Tokenizes a text pair and closes the completion with end-of-sequence. */
  public static Sequence of(TextTokenizer tokenizer, String prompt, String completion) {
    int[] completionIds = tokenizer.encode(completion);
    int[] closed = Arrays.copyOf(completionIds, completionIds.length + 1);
    closed[completionIds.length] = tokenizer.eosId();
    return new Sequence(tokenizer.encode(prompt), closed);
  }
}
