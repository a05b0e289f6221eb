package dev.alignment.trainer.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alignment.trainer.rows.PreferencePair;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The simulated task: seeded generation, held-out prompts, and labels that follow the gold reward up to the noise. */
class SentimentCorpusTest {
  private final SentimentCorpus corpus = new SentimentCorpus();
  private final SentimentLexicon gold = new SentimentLexicon();

  @Test
  void generationIsDeterministicPerSeed() {
    assertThat(corpus.preferences(50, 0.2, 9)).isEqualTo(corpus.preferences(50, 0.2, 9)).isNotEqualTo(corpus.preferences(50, 0.2, 10));
    assertThat(corpus.demonstrations(20, 1)).isEqualTo(corpus.demonstrations(20, 1));
  }

  @Test
  void evaluationPromptsAreHeldOutFromTrainingOpenings() {
    Set<String> training = new HashSet<>();
    corpus.demonstrations(2000, 0).forEach(d -> training.add(d.prompt()));
    List<String> prompts = corpus.prompts(500, 0);
    assertThat(prompts).isNotEmpty().noneMatch(training::contains);
  }

  @Test
  void goldScoresSumTheLexiconWeights() {
    assertThat(gold.score("really great but the cast was dull .")).isEqualTo(1.0 - 0.4);
    assertThat(gold.score("quite long and the plot felt simple .")).isZero();
  }

  @Test
  void labelsFollowTheGoldRewardFlippedAtTheNoiseRate() {
    List<PreferencePair> clean = corpus.preferences(1000, 0, 4);
    assertThat(clean).allMatch(p -> gold.score(p.chosen()) > gold.score(p.rejected()));
    long flipped = corpus.preferences(4000, 0.25, 4).stream().filter(p -> gold.score(p.chosen()) < gold.score(p.rejected())).count();
    assertThat(flipped / 4000.0).isBetween(0.22, 0.28);
  }
}
