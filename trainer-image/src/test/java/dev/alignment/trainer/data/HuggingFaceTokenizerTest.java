package dev.alignment.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import dev.alignment.trainer.TrainerRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A HuggingFace tokenizer.json, written here, loads through DJL's tokenizers and trains a model end to end. */
class HuggingFaceTokenizerTest {
  @TempDir Path work;

  private Path writeTokenizer() throws Exception {
    Map<String, Integer> vocab = new LinkedHashMap<>();
    for (String word : List.of("[UNK]", "</s>", "the", "plot", "was", "great", "dull", ".")) {
      vocab.put(word, vocab.size());
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("version", "1.0");
    json.put("added_tokens", List.of(Map.of("id", 1, "content", "</s>", "single_word", false, "lstrip", false,
        "rstrip", false, "normalized", false, "special", true)));
    json.put("normalizer", Map.of("type", "Lowercase"));
    json.put("pre_tokenizer", Map.of("type", "Whitespace"));
    json.put("decoder", Map.of("type", "WordPiece", "prefix", "##", "cleanup", true));
    json.put("model", Map.of("type", "WordLevel", "vocab", vocab, "unk_token", "[UNK]"));
    Path file = work.resolve("tokenizer.json");
    Files.writeString(file, new Gson().toJson(json));
    return file;
  }

  @Test
  void encodesAndDecodesThroughDjl() throws Exception {
    TextTokenizer tokenizer = Tokenizers.load(Uris.of(writeTokenizer()));
    assertThat(tokenizer.vocabSize()).isEqualTo(8);
    assertThat(tokenizer.eosId()).isEqualTo(1);
    assertThat(tokenizer.encode("The plot was GREAT.")).containsExactly(2, 3, 4, 5, 7);
    assertThat(tokenizer.encode("the plot was awful")).containsExactly(2, 3, 4, 0);
    assertThat(tokenizer.decode(new int[] {2, 3, 4, 6, 1})).isEqualTo("the plot was dull");
  }

  @Test
  void sftTrainsAndSavesAModelWithIt() throws Exception {
    Path tokenizer = writeTokenizer();
    Path data = work.resolve("demos.jsonl");
    Files.write(data, List.of(
        "{\"prompt\": \"the plot was\", \"completion\": \"great .\"}",
        "{\"prompt\": \"the plot was\", \"completion\": \"dull .\"}"));
    TrainerRun run = TrainerRun.stage(work, "sft", Map.of(
        "model", Map.of("uri", "builtin://tiny", "tokenizer", Uris.of(tokenizer),
            "architecture", Map.of("preset", "tiny", "layers", 1, "hiddenSize", 32, "contextLength", 16)),
        "dataset", Uris.of(data), "datasetKind", "demonstrations",
        "training", Map.of("steps", 30, "batchSize", 4, "learningRate", 3e-3, "seed", 0)));

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.metric("loss")).isLessThan(1.0);
    Path model = Uris.path(run.output(), "model");
    assertThat(model.resolve("tokenizer.json")).hasSameTextualContentAs(tokenizer);
    assertThat(Files.readString(model.resolve("model.json"))).contains("\"layers\":1").contains("\"hiddenSize\":32");
  }
}
