package dev.alignment.trainer.data;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.alignment.trainer.base.BadInputException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A HuggingFace {@code tokenizer.json} through DJL's tokenizers library, without special tokens added around text;
 * {@code file} is kept to be saved beside a model.
 */
public record HuggingFaceTextTokenizer(Path file, HuggingFaceTokenizer tokenizer, int vocabSize, int eosId) implements TextTokenizer {
  public static final String FILE = "tokenizer.json";
  private static final List<String> EOS_CANDIDATES = List.of("<|endoftext|>", "</s>", "<eos>", "[SEP]", "<|eos|>");

  static HuggingFaceTextTokenizer load(Path file) {
    JsonObject json;
    try {
      json = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    } catch (CharacterCodingException e) {
      throw new BadInputException(file + ": not UTF-8 text", e);
    } catch (IOException | RuntimeException e) {
      throw new BadInputException(file + ": cannot read tokenizer: " + e.getMessage(), e);
    }
    Map<String, Integer> vocab = TokenizerVocabulary.of(json, file);
    Integer eos = EOS_CANDIDATES.stream().map(vocab::get).filter(id -> id != null).findFirst()
        .orElseThrow(() -> new BadInputException(file + ": tokenizer has no end-of-sequence token (one of " + EOS_CANDIDATES + ")"));
    int size = vocab.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
    try {
      // No truncation here: TokenBatch fits sequences to the model's context itself.
      HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(file, Map.of("addSpecialTokens", "false", "truncation", "false"));
      return new HuggingFaceTextTokenizer(file, tokenizer, size, eos);
    } catch (IOException | RuntimeException e) {
      throw new BadInputException(file + ": cannot load tokenizer: " + e.getMessage(), e);
    }
  }

  @Override
  public int[] encode(String text) {
    long[] ids = tokenizer.encode(text, false, false).getIds();
    int[] out = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      out[i] = (int) ids[i];
    }
    return out;
  }

  @Override
  public String decode(int[] ids) {
    long[] kept = Arrays.stream(ids).filter(id -> id != eosId).asLongStream().toArray();
    return tokenizer.decode(kept, true);
  }

  @Override
  public void saveTo(Path dir) throws IOException {
    Files.copy(file, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING);
  }

  /** Reads the token-to-id table of a tokenizer.json: the model's vocabulary plus the added tokens. */
  private static final class TokenizerVocabulary {
    static Map<String, Integer> of(JsonObject json, Path file) {
      Map<String, Integer> vocab = new HashMap<>();
      JsonElement model = json.get("model");
      JsonElement entries = model != null && model.isJsonObject() ? model.getAsJsonObject().get("vocab") : null;
      if (entries == null) {
        throw new BadInputException(file + ": tokenizer has no model.vocab");
      }
      if (entries.isJsonObject()) {
        entries.getAsJsonObject().entrySet().forEach(e -> vocab.put(e.getKey(), e.getValue().getAsInt()));
      } else {
        // Unigram models list [piece, score] pairs; the id is the position.
        for (int i = 0; i < entries.getAsJsonArray().size(); i++) {
          vocab.put(entries.getAsJsonArray().get(i).getAsJsonArray().get(0).getAsString(), i);
        }
      }
      JsonElement added = json.get("added_tokens");
      if (added != null && added.isJsonArray()) {
        added.getAsJsonArray().forEach(t -> vocab.put(
            t.getAsJsonObject().get("content").getAsString(), t.getAsJsonObject().get("id").getAsInt()));
      }
      return vocab;
    }
  }
}
