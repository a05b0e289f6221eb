package dev.alignment.trainer.stage;

import dev.alignment.trainer.data.TextTokenizer;
import dev.alignment.trainer.model.Sequence;
import dev.alignment.trainer.model.TokenBatch;
import dev.alignment.trainer.rows.PreferencePair;
import java.util.ArrayList;
import java.util.List;

/** A preference pair as token sequences, and batches of pairs as one (2B, L) batch: all chosen, then all rejected. */
record PairEncoding(Sequence chosen, Sequence rejected) {
  static List<PairEncoding> of(List<PreferencePair> pairs, TextTokenizer tokenizer) {
    return pairs.stream().map(p -> new PairEncoding(
        Sequence.of(tokenizer, p.prompt(), p.chosen()), Sequence.of(tokenizer, p.prompt(), p.rejected()))).toList();
  }

  /** The chosen and the rejected sequence. */
  List<Sequence> both() {
    return List.of(chosen, rejected);
  }

  static TokenBatch batch(List<PairEncoding> pairs, int contextLength, int padId) {
    List<Sequence> sequences = new ArrayList<>(2 * pairs.size());
    pairs.forEach(p -> sequences.add(p.chosen));
    pairs.forEach(p -> sequences.add(p.rejected));
    return TokenBatch.of(sequences, contextLength, padId);
  }
}
