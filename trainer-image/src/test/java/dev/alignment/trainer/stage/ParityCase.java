package dev.alignment.trainer.stage;

import dev.alignment.trainer.model.TestModels;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.alignment.trainer.data.Tokenizers;
import dev.alignment.trainer.model.Architecture;
import dev.alignment.trainer.model.LanguageModel;
import dev.alignment.trainer.model.ModelKind;
import dev.alignment.trainer.model.Scoring;
import dev.alignment.trainer.model.Sequence;
import dev.alignment.trainer.model.TokenBatch;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * The PyTorch parity cases: a small model's initial weights and the batches of six SFT steps and of six DPO steps
 * (with the reference's log-probabilities: the initial model's), as DJL produces them. {@code main(dir)} writes
 * {@code inputs.safetensors} (weights under DJL's parameter names, and per step the batch's inputs, targets and
 * completion mask) for {@code trainer-image/parity/reference.py}, which writes the two trajectories.
 */
final class ParityCase {
  static final Architecture ARCHITECTURE = new Architecture(2, 2, 16, 12);
  static final int STEPS = 6;
  static final int BATCH = 4;
  static final float LEARNING_RATE = 3e-3f;
  static final double MAX_GRAD_NORM = 1.5;
  static final double DPO_MAX_GRAD_NORM = 0.5;
  static final double BETA = 0.1;
  static final String INPUTS = "inputs.safetensors";
  static final String SFT_TRAJECTORY = "sft-trajectory.safetensors";
  static final String DPO_TRAJECTORY = "dpo-trajectory.safetensors";

  private ParityCase() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    try (NDManager manager = NDManager.newBaseManager()) {
      LanguageModel model = freshModel(manager);
      NDList out = new NDList();
      for (Pair<String, Parameter> p : model.network().block().getParameters()) {
        NDArray weight = p.getValue().getArray().duplicate();
        weight.setName(p.getKey());
        out.add(weight);
      }
      addBatches(out, "sft", batches(model), manager);
      List<TokenBatch> pairs = pairBatches(model);
      addBatches(out, "dpo", pairs, manager);
      ParameterStore ps = new ParameterStore(manager, false);
      for (int step = 0; step < STEPS; step++) {
        NDArray reference = Scoring.sequenceLogProbs(model, ps, pairs.get(step), manager, false);
        out.add(named(reference.get("0:" + BATCH), "dpo" + step + ".referenceChosen"));
        out.add(named(reference.get(BATCH + ":"), "dpo" + step + ".referenceRejected"));
      }
      Files.createDirectories(dir);
      try (OutputStream file = Files.newOutputStream(dir.resolve(INPUTS))) {
        out.encode(file, NDList.Encoding.SAFETENSORS);
      }
    }
  }

  static LanguageModel freshModel(NDManager manager) {
    return (LanguageModel) TestModels.fresh(ModelKind.LANGUAGE, ARCHITECTURE, Tokenizers.load(null), manager, 7);
  }

  /** One batch a step: prompts of 3 tokens and completions of 1 to 9, so padding and the prompt mask both matter. */
  static List<TokenBatch> batches(LanguageModel model) {
    int vocab = model.tokenizer().vocabSize();
    return perStep(11, random -> new Sequence(ids(random, 3, vocab), ids(random, 1 + random.nextInt(9), vocab)),
        rows -> TokenBatch.of(rows, ARCHITECTURE.contextLength(), model.tokenizer().padId()));
  }

  /** One batch of pairs a step, as DpoStage batches them: chosen and rejected completions of one prompt each. */
  static List<TokenBatch> pairBatches(LanguageModel model) {
    int vocab = model.tokenizer().vocabSize();
    return perStep(13, random -> {
      int[] prompt = ids(random, 3, vocab);
      return new PairEncoding(new Sequence(prompt, ids(random, 1 + random.nextInt(8), vocab)),
          new Sequence(prompt, ids(random, 1 + random.nextInt(8), vocab)));
    }, pairs -> PairEncoding.batch(pairs, ARCHITECTURE.contextLength(), model.tokenizer().padId()));
  }

  private static <T> List<TokenBatch> perStep(long seed, Function<Random, T> row, Function<List<T>, TokenBatch> batch) {
    Random random = new Random(seed);
    List<TokenBatch> batches = new ArrayList<>();
    for (int step = 0; step < STEPS; step++) {
      List<T> rows = new ArrayList<>();
      for (int i = 0; i < BATCH; i++) {
        rows.add(row.apply(random));
      }
      batches.add(batch.apply(rows));
    }
    return batches;
  }

  /** The committed fixture file {@code name} of src/test/resources/parity. */
  static NDList read(String name, NDManager manager) throws IOException {
    try (InputStream in = ParityCase.class.getResourceAsStream("/parity/" + name)) {
      if (in == null) {
        throw new IOException("no fixture /parity/" + name + ": run trainer-image/parity/regenerate.sh");
      }
      return NDList.decode(manager, in);
    }
  }

  private static void addBatches(NDList out, String kind, List<TokenBatch> batches, NDManager manager) {
    for (int step = 0; step < batches.size(); step++) {
      out.add(named(batches.get(step).inputs(manager), kind + step + ".inputs"));
      out.add(named(batches.get(step).targets(manager), kind + step + ".targets"));
      out.add(named(batches.get(step).completionMask(manager), kind + step + ".mask"));
    }
  }

  private static int[] ids(Random random, int length, int vocab) {
    int[] ids = new int[length];
    for (int i = 0; i < length; i++) {
      ids[i] = 3 + random.nextInt(vocab - 3);
    }
    return ids;
  }

  private static NDArray named(NDArray array, String name) {
    array.setName(name);
    return array;
  }
}
