package dev.alignment.trainer.hf;

import java.util.List;

/** A text's token ids and the token strings they stand for. */
public record TokenizedText(long[] ids, List<String> tokens) {}
