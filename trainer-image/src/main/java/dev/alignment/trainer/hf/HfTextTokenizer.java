package dev.alignment.trainer.hf;

import dev.alignment.trainer.base.BadInputException;
import dev.alignment.trainer.data.ChatRenderer;
import dev.alignment.trainer.data.TextTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A Hugging Face model's tokenizer as the stages use it: text without special tokens around it (the stages add BOS
 * where the tokenizer would, and EOS), the model's vocabulary size, EOS from the tokenizer and generation configs,
 * padding with the config's {@code pad_token_id} (else the tokenizer's pad, else EOS), and the chat template.
 */
public final class HfTextTokenizer implements TextTokenizer {
  private final HfTokenizer tokenizer;
  private final HfFiles files;
  private final int vocabSize;
  private final int eosId;
  private final Set<Integer> stopIds;
  private final int padId;
  private final OptionalInt bosId;

  private HfTextTokenizer(HfTokenizer tokenizer, HfFiles files, int vocabSize, OptionalInt configPad) {
    this.tokenizer = tokenizer;
    this.files = files;
    this.vocabSize = vocabSize;
    SpecialTokens special = tokenizer.specialTokens();
    if (special.eosIds().isEmpty()) {
      throw new BadInputException(files.origin().resolve(HfTokenizer.CONFIG)
          + ": no eos_token (and no eos_token_id in " + HfTokenizer.GENERATION_CONFIG + "): completions need one");
    }
    eosId = special.eosToken().map(token -> tokenizer.encode(token, false).ids())
        .filter(ids -> ids.length == 1).map(ids -> Math.toIntExact(ids[0]))
        .orElse(special.eosIds().get(0));
    stopIds = Set.copyOf(special.eosIds());
    padId = configPad.isPresent() ? configPad.getAsInt() : special.padId().orElse(eosId);
    long[] withSpecials = tokenizer.encode("", true).ids();
    bosId = special.bosId().isPresent() && withSpecials.length > 0 && withSpecials[0] == special.bosId().getAsInt()
        ? special.bosId() : OptionalInt.empty();
  }

  /** The tokenizer of a model's files, for a model of {@code config}. */
  public static HfTextTokenizer of(HfFiles files, HfConfig config) {
    return new HfTextTokenizer(HfTokenizer.load(files), files, config.vocabSize(), config.padTokenId());
  }

  @Override
  public int[] encode(String text) {
    return Arrays.stream(tokenizer.encode(text, false).ids()).mapToInt(Math::toIntExact).toArray();
  }

  @Override
  public String decode(int[] ids) {
    return tokenizer.decode(Arrays.stream(ids).asLongStream().toArray(), true);
  }

  @Override
  public int vocabSize() {
    return vocabSize;
  }

  @Override
  public int eosId() {
    return eosId;
  }

  @Override
  public int padId() {
    return padId;
  }

  @Override
  public OptionalInt bosId() {
    return bosId;
  }

  /** Every id generation stops at ({@code generation_config.json}'s {@code eos_token_id} may list several). */
  public Set<Integer> stopIds() {
    return stopIds;
  }

  @Override
  public Optional<ChatRenderer> chatRenderer() {
    return tokenizer.chatTemplate().map(ChatRenderer.class::cast);
  }

  @Override
  public void saveTo(Path dir) throws IOException {
    for (Map.Entry<String, byte[]> companion : files.companions().entrySet()) {
      Files.write(dir.resolve(companion.getKey()), companion.getValue());
    }
  }
}
