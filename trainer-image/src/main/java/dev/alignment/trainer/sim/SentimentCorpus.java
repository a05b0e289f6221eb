package dev.alignment.trainer.sim;

import dev.alignment.trainer.rows.Demonstration;
import dev.alignment.trainer.rows.PreferencePair;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The controlled-sentiment task in miniature: review-like sentences over a small vocabulary. A prompt is an opening
 * ("the plot felt"); a continuation carries two sentiment adjectives ("really great but the cast was dull ."), each
 * positive, negative or neutral with equal probability. One opening in five is held out for evaluation prompts.
 */
public final class SentimentCorpus {
  private static final List<String> DETERMINERS = List.of("the", "this", "that");
  private static final List<String> SUBJECTS = List.of(
      "movie", "film", "show", "story", "plot", "acting", "cast", "ending", "script", "soundtrack", "dialogue", "pacing");
  private static final List<String> VERBS = List.of("was", "is", "felt", "seemed");
  private static final List<String> LINKS = List.of("and", "but", "while");
  private static final List<String> INTENSIFIERS = List.of("really", "very", "quite", "so", "truly");
  private static final List<List<String>> OPENINGS = openings();

  private final SentimentLexicon lexicon = new SentimentLexicon();

  /** Every word the corpus can produce, sorted, for the built-in word tokenizer. */
  public static List<String> vocabulary() {
    TreeSet<String> words = new TreeSet<>();
    Stream.of(DETERMINERS, SUBJECTS, VERBS, LINKS, INTENSIFIERS, SentimentLexicon.NEUTRAL,
            List.copyOf(SentimentLexicon.POSITIVE.keySet()), List.copyOf(SentimentLexicon.NEGATIVE.keySet()), List.of("."))
        .forEach(words::addAll);
    return List.copyOf(words);
  }

  public List<Demonstration> demonstrations(int count, long seed) {
    Random random = new Random(seed);
    List<Demonstration> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(new Demonstration(opening(random, false), continuation(random)));
    }
    return out;
  }

  /** Openings from the held-out set, for evaluation and PPO rollouts. */
  public List<String> prompts(int count, long seed) {
    Random random = new Random(seed);
    List<String> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(opening(random, true));
    }
    return out;
  }

  /** Pairs of continuations with different gold reward, labelled by the gold reward with flip probability {@code noise}. */
  public List<PreferencePair> preferences(int count, double noise, long seed) {
    Random random = new Random(seed);
    SimulatedAnnotator annotator = new SimulatedAnnotator(lexicon, noise);
    List<PreferencePair> out = new ArrayList<>(count);
    while (out.size() < count) {
      String prompt = opening(random, false);
      String a = continuation(random);
      String b = continuation(random);
      if (lexicon.score(a) != lexicon.score(b)) {
        out.add(annotator.label(prompt, a, b, random));
      }
    }
    return out;
  }

  private static String opening(Random random, boolean heldOut) {
    List<String> candidates = OPENINGS.get(heldOut ? 1 : 0);
    return candidates.get(random.nextInt(candidates.size()));
  }

  private static String continuation(Random random) {
    return String.join(" ", Stream.of(
            adjective(random), List.of(pick(LINKS, random), "the", pick(SUBJECTS, random), pick(VERBS, random)),
            adjective(random), List.of("."))
        .flatMap(List::stream).toList());
  }

  private static List<String> adjective(Random random) {
    List<String> words = new ArrayList<>();
    if (random.nextBoolean()) {
      words.add(pick(INTENSIFIERS, random));
    }
    words.add(switch (random.nextInt(3)) {
      case 0 -> pick(List.copyOf(new TreeSet<>(SentimentLexicon.POSITIVE.keySet())), random);
      case 1 -> pick(List.copyOf(new TreeSet<>(SentimentLexicon.NEGATIVE.keySet())), random);
      default -> pick(SentimentLexicon.NEUTRAL, random);
    });
    return words;
  }

  private static String pick(List<String> words, Random random) {
    return words.get(random.nextInt(words.size()));
  }

  /** Training openings at index 0, held-out ones (every fifth) at index 1. */
  private static List<List<String>> openings() {
    List<String> training = new ArrayList<>();
    List<String> heldOut = new ArrayList<>();
    int i = 0;
    for (String determiner : DETERMINERS) {
      for (String subject : SUBJECTS) {
        for (String verb : VERBS) {
          (i++ % 5 == 4 ? heldOut : training).add(determiner + " " + subject + " " + verb);
        }
      }
    }
    return List.of(List.copyOf(training), List.copyOf(heldOut));
  }
}
