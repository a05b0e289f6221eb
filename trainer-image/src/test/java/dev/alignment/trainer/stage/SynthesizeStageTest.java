package dev.alignment.trainer.stage;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.alignment.trainer.TrainerRun;
import dev.alignment.trainer.data.Uris;
import dev.alignment.trainer.sim.SentimentLexicon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** synthesize samples pairs from a policy, labels them with the gold annotator, and its output validates. */
class SynthesizeStageTest {
  @TempDir Path work;

  @Test
  void noiseFreeLexiconLabelsPreferTheHigherGoldRewardAndTheFileValidates() throws Exception {
    Path pairs = work.resolve("synthesize/pairs.jsonl");
    TrainerRun run = TrainerRun.stage(work, "synthesize", Map.of(
        "policy", Map.of("uri", "builtin://tiny", "tokenizer", "builtin://words"),
        "prompts", "builtin://sentiment/prompts?count=16", "annotator", Map.of("type", "Lexicon", "noise", 0.0),
        "pairs", 40, "seed", 3, "output", Uris.of(pairs)));
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.metric("pairs")).isEqualTo(40);

    List<String> lines = Files.readAllLines(pairs);
    assertThat(lines).hasSize(40);
    SentimentLexicon gold = new SentimentLexicon();
    for (String line : lines) {
      JsonObject row = JsonParser.parseString(line).getAsJsonObject();
      assertThat(row.get("chosen").getAsString()).isNotBlank();
      assertThat(gold.score(row.get("chosen").getAsString())).isGreaterThanOrEqualTo(gold.score(row.get("rejected").getAsString()));
    }

    TrainerRun validate = TrainerRun.stage(work, "validate-dataset", Map.of("source", run.output(), "validationFraction", 0.1));
    assertThat(validate.exitCode()).as(validate.toString()).isZero();
    assertThat(validate.metric("trainPairs") + validate.metric("validationPairs") + validate.metric("skippedRows")).isEqualTo(40);
  }
}
