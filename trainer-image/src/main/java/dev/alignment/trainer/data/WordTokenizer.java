package dev.alignment.trainer.data;

import dev.alignment.trainer.base.BadInputException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Whitespace-separated, lower-cased words over a fixed vocabulary; unknown words map to {@code <unk>}. */
public final class WordTokenizer implements TextTokenizer {
  public static final String FILE = "vocab.txt";
  public static final String PAD = "<pad>";
  public static final String EOS = "<eos>";
  public static final String UNKNOWN = "<unk>";

  private final List<String> words;
  private final Map<String, Integer> ids = new HashMap<>();

  private WordTokenizer(List<String> words) {
    this.words = List.copyOf(words);
    for (int i = 0; i < words.size(); i++) {
      ids.putIfAbsent(words.get(i), i);
    }
  }

  /** A tokenizer whose vocabulary is the special tokens followed by {@code words}. */
  public static WordTokenizer of(List<String> words) {
    List<String> all = new ArrayList<>(List.of(PAD, EOS, UNKNOWN));
    words.stream().filter(w -> !all.contains(w)).forEach(all::add);
    return new WordTokenizer(all);
  }

  static WordTokenizer load(Path file) throws IOException {
    try {
      return new WordTokenizer(Files.readAllLines(file));
    } catch (CharacterCodingException e) {
      throw new BadInputException(file + ": not UTF-8 text", e);
    }
  }

  /** The vocabulary in id order: the special tokens {@code <pad>}, {@code <eos>}, {@code <unk>}, then the words. */
  public List<String> vocabulary() {
    return words;
  }

  @Override
  public int[] encode(String text) {
    String trimmed = text.strip();
    if (trimmed.isEmpty()) {
      return new int[0];
    }
    String[] tokens = trimmed.toLowerCase(Locale.ROOT).split("\\s+");
    int[] out = new int[tokens.length];
    for (int i = 0; i < tokens.length; i++) {
      out[i] = ids.getOrDefault(tokens[i], ids.get(UNKNOWN));
    }
    return out;
  }

  @Override
  public String decode(int[] tokenIds) {
    StringBuilder text = new StringBuilder();
    for (int id : tokenIds) {
      if (id == eosId() || id == ids.get(PAD)) {
        continue;
      }
      if (text.length() > 0) {
        text.append(' ');
      }
      text.append(words.get(id));
    }
    return text.toString();
  }

  @Override
  public int vocabSize() {
    return words.size();
  }

  @Override
  public int eosId() {
    return ids.get(EOS);
  }

  @Override
  public void saveTo(Path dir) throws IOException {
    Files.write(dir.resolve(FILE), words);
  }
}
