package dev.alignment.trainer.hf;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.alignment.trainer.base.BadInputException;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.Set;

/**
 * A Hugging Face causal LM or sequence classifier as a trainable DJL block: inputs ids (B, T) and attention mask
 * (B, T, 1 on real tokens, right or left padding), output logits (B, T, V) or per-position scores (B, T, num_labels);
 * optionally with LoRA adapters on its projections.
 */
public final class HfModel extends ParameterBlock {
  private static final String LM_HEAD = "lm_head.weight";
  private static final String SCORE = "score.weight";

  private HfFiles files;
  private final HfConfig config;
  private final DecoderBody body;
  private final Parameter head;
  private final Map<String, Parameter> parametersByName;
  private final LoraAdapters adapters;

  private HfModel(HfFiles files, HfConfig config, NamedParameters parameters) {
    super(parameters, "");
    this.files = files;
    this.config = config;
    body = addChildBlock("body", config instanceof Gpt2Config gpt2
        ? new Gpt2Body(parameters, gpt2)
        : new LlamaBody(parameters, (LlamaConfig) config));
    if (config.task() == HfTask.SEQUENCE_CLASSIFICATION) {
      head = weight(SCORE, config.numLabels(), config.hiddenSize());
    } else if (config.tieWordEmbeddings()) {
      head = body.tokenEmbedding();
    } else {
      head = weight(LM_HEAD, config.vocabSize(), config.hiddenSize());
    }
    parametersByName = parameters.byName();
    adapters = parameters.adapters();
  }

  /** The checkpoint's config.json, as read. */
  public HfConfig config() {
    return config;
  }

  /** Loads a Hugging Face model directory ({@code config.json} and safetensors weights) onto the manager. */
  public static HfModel load(Path directory, NDManager manager) {
    HfFiles files = HfFiles.read(directory);
    HfConfig config = HfConfig.read(files.configJson());
    SafetensorsWeights weights = SafetensorsWeights.open(manager, directory);
    if (config.task() == HfTask.CAUSAL_LM && config.tieWordEmbeddings()) {
      weights.skip(LM_HEAD);
    }
    return create(files, config, weights, weights::finish, manager);
  }

  /**
   * Loads a directory as {@code task}: a causal LM loaded as a sequence classifier (a reward model or critic started
   * from a policy) keeps its body, drops its LM head and gets a one-label score head drawn from {@code seed}.
   */
  public static HfModel load(Path directory, NDManager manager, HfTask task, long seed) {
    HfFiles files = HfFiles.read(directory);
    HfConfig config = HfConfig.read(files.configJson());
    if (config.task() == task) {
      return load(directory, manager);
    }
    if (task == HfTask.CAUSAL_LM) {
      throw new BadInputException(directory.resolve(HfConfig.FILE) + ": " + config.architecture()
          + " is a reward/value model; this stage needs a causal language model");
    }
    HfFiles classifier = files.withConfig(ClassifierConfig.of(files, config));
    HfConfig classifierConfig = HfConfig.read(classifier.configJson());
    SafetensorsWeights checkpoint = SafetensorsWeights.open(manager, directory);
    checkpoint.skip(LM_HEAD);
    WeightSource weights = new FreshHeadWeights(checkpoint, initial(manager, classifierConfig, files, seed), Set.of(SCORE));
    return create(classifier, classifierConfig, weights, checkpoint::finish, manager);
  }

  /** A model with fresh parameters, drawn from {@code seed} as transformers initialises the config's family. */
  public static HfModel fresh(HfFiles files, NDManager manager, long seed) {
    HfConfig config = HfConfig.read(files.configJson());
    return create(files, config, initial(manager, config, files, seed), () -> { }, manager);
  }

  private static WeightSource initial(NDManager manager, HfConfig config, HfFiles files, long seed) {
    double range = files.configJson().optDouble("initializer_range", 0.02);
    double residual = config instanceof Gpt2Config ? range / Math.sqrt(2.0 * config.layers()) : range;
    // GPT-2 scales the residual projections by 1/sqrt(2 * layers), as its paper and transformers' _init_weights do.
    return new RandomWeights(manager, seed, name -> name.endsWith("c_proj.weight") ? residual : range);
  }

  private static HfModel create(HfFiles files, HfConfig config, WeightSource weights, Runnable finish, NDManager manager) {
    if (config.task() == HfTask.SEQUENCE_CLASSIFICATION && config.padTokenId().isEmpty()) {
      throw new BadInputException(files.origin().resolve(HfConfig.FILE) + ": missing key \"pad_token_id\" ("
          + config.architecture() + " finds each sequence's last token by it)");
    }
    HfModel model = new HfModel(files, config, new NamedParameters(weights));
    finish.run();
    model.initialize(manager, DataType.FLOAT32, new Shape(1, 1), new Shape(1, 1));
    return model;
  }

  /** Saves the model with this chat template in its {@code tokenizer_config.json} ({@code spec.model.chatTemplate}). */
  void replaceChatTemplate(String template) {
    files = files.withChatTemplate(template);
  }

  /** The files saved with the model: its config.json (as loaded, or as converted) and tokenizer and generation files. */
  public HfFiles files() {
    return files;
  }

  /** Every trainable parameter by its Hugging Face tensor name (a tied head only under the embedding's name). */
  public Map<String, Parameter> parametersByName() {
    return parametersByName;
  }

  /**
   * Attaches new LoRA adapters as PEFT initialises them (A kaiming-uniform, bounds ±1/sqrt(in), drawn from
   * {@code seed}; B zero, so the output is the base's) and freezes every base weight: only the adapters train, and a
   * sequence classifier's score head, which PEFT trains too ({@code modules_to_save}).
   */
  public void attachLora(LoraSettings settings, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    for (LoraTarget target : LoraTarget.find(this, settings.targetModules())) {
      NDManager manager = target.weight().getArray().getManager();
      double bound = 1 / Math.sqrt(target.in());
      float[] values = new float[Math.toIntExact(settings.rank() * target.in())];
      for (int i = 0; i < values.length; i++) {
        values[i] = (float) random.nextDouble(-bound, bound);
      }
      NDArray a = manager.create(values, new Shape(settings.rank(), target.in()));
      NDArray b = manager.zeros(new Shape(target.out(), settings.rank()));
      attachLora(target, a, b, settings);
    }
    if (config.task() == HfTask.SEQUENCE_CLASSIFICATION) {
      head.freeze(false);
    }
  }

  /** PEFT's default target modules for the family (its TRANSFORMERS_MODELS_TO_LORA_TARGET_MODULES_MAPPING). */
  public List<String> defaultLoraModules() {
    return config instanceof Gpt2Config ? List.of("c_attn") : List.of("q_proj", "v_proj");
  }

  /** The LoRA adapters attached to this model (none until {@link #attachLora} or a PEFT adapter is loaded). */
  public LoraAdapters lora() {
    return adapters;
  }

  /** Attaches one adapter with these weights, A (rank, in) and B (out, rank), freezing the base weights. */
  void attachLora(LoraTarget target, NDArray a, NDArray b, LoraSettings settings) {
    parametersByName.values().forEach(parameter -> parameter.freeze(true));
    String module = target.modulePath();
    adapters.put(target.weightName(), target.weight(), new LoraAdapter(
        trainable(module + ".lora_A.weight", a), trainable(module + ".lora_B.weight", b),
        settings.scaling(), settings.dropout(), target.transposed()), settings);
  }

  private static Parameter trainable(String name, NDArray array) {
    Parameter parameter = Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).optArray(array).build();
    array.setRequiresGradient(true);
    return parameter;
  }

  /** Adds every adapter's scaled product into its base weight, drops the adapters and unfreezes the base. */
  public void mergeLora() {
    adapters.byName().forEach((name, adapter) -> {
      NDArray weight = parametersByName.get(name).getArray();
      weight.addi(adapter.weightDelta());
    });
    adapters.clear();
    parametersByName.values().forEach(parameter -> parameter.freeze(false));
  }

  /** The base parameters and, when attached, every adapter's A and B (the ones a LoRA optimizer updates). */
  @Override
  public ParameterList getParameters() {
    ParameterList all = super.getParameters();
    adapters.byName().values().forEach(adapter -> {
      all.add(adapter.a().getName(), adapter.a());
      all.add(adapter.b().getName(), adapter.b());
    });
    return all;
  }

  /** The base parameters, then every adapter's A and B: a checkpoint of a LoRA run holds the adapters too. */
  @Override
  public void saveParameters(DataOutputStream os) throws IOException {
    super.saveParameters(os);
    for (LoraAdapter adapter : adapters.byName().values()) {
      adapter.a().save(os);
      adapter.b().save(os);
    }
  }

  @Override
  public void loadParameters(NDManager manager, DataInputStream is) throws IOException, MalformedModelException {
    super.loadParameters(manager, is);
    for (LoraAdapter adapter : adapters.byName().values()) {
      adapter.a().load(manager, is);
      adapter.b().load(manager, is);
    }
  }

  /** Evaluation-mode forward pass on the ids' device. */
  public NDArray forward(NDArray ids, NDArray attentionMask) {
    return forward(new ParameterStore(ids.getManager(), false), new NDList(ids, attentionMask), false).head();
  }

  /**
   * Evaluation-mode forward pass of new ids (B, Tq) after the tokens the cache holds: the mask (B, Tk) covers both,
   * the new keys and values join the cache, and the output covers the new positions only (B, Tq, V).
   */
  public NDArray forward(NDArray ids, NDArray attentionMask, KvCache cache) {
    ParameterStore ps = new ParameterStore(ids.getManager(), false);
    NDArray hidden = body.hidden(ps, ids, attentionMask, cache, false);
    return Layers.linear(hidden, value(ps, head, hidden, false), null);
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray hidden = body.forward(ps, inputs, training).head();
    return new NDList(Layers.linear(hidden, value(ps, head, hidden, training), null));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    long outputs = config.task() == HfTask.SEQUENCE_CLASSIFICATION ? config.numLabels() : config.vocabSize();
    return new Shape[] {inputShapes[0].addAll(new Shape(outputs))};
  }
}
