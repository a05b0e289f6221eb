package dev.alignment.api.v1alpha1;

import dev.alignment.contract.LoraBlock;

/**
 * Upper bounds and patterns enforced at admission, so that every value the API server accepts fits the Java type
 * that holds it and the objects the operator derives from it (Job names, labels, resource quantities).
 */
public final class Bounds {
  /** Optimizer steps, rollout batches and steps between checkpoints. */
  public static final long STEPS = 10_000_000;
  /** Pairs, prompts or sequences per step, and rollout batch sizes. */
  public static final long BATCH = 65_536;
  /** Pairs a synthesized dataset may have. */
  public static final long PAIRS = 100_000_000;
  /** Prompts sampled by the evaluation. */
  public static final long EVAL_SAMPLES = 1_000_000;
  /** Candidates per prompt in best-of-n. */
  public static final long CANDIDATES = 1_024;
  /** Tokens a rollout may sample. */
  public static final long NEW_TOKENS = 65_536;
  /** PPO epochs over a rollout batch. */
  public static final long EPOCHS = 100;
  /** Transformer blocks or attention heads. */
  public static final long LAYERS = 1_024;
  /** Width of the residual stream. */
  public static final long HIDDEN_SIZE = 65_536;
  /** Longest sequence in tokens. */
  public static final long CONTEXT_LENGTH = 1_048_576;
  /** Longest prompt + completion a stage may feed a model, in tokens. */
  public static final long MAX_LENGTH = 131_072;
  /** A LoRA adapter's rank. */
  public static final long LORA_RANK = 1_024;
  /** A LoRA adapter's alpha. */
  public static final double LORA_ALPHA = 10_000;
  /** Pods of one multi-node stage. */
  public static final long NODES = 128;
  /** GPUs one pod may request. */
  public static final long GPUS = 64;
  /** A day: the longest a PPO role waits for its peer. */
  public static final long STARTUP_TIMEOUT_SECONDS = 86_400;
  /** The largest integer a JSON double (and so every client) represents exactly: 2^53 - 1. */
  public static final long SEED = 9_007_199_254_740_991L;
  /** Learning rates. */
  public static final double LEARNING_RATE = 10;
  /** KL coefficients, targets, clip ranges and temperatures. */
  public static final double COEFFICIENT = 1_000;

  /** A DNS-1123 subdomain: the name of a Kubernetes object in the same namespace. */
  public static final String OBJECT_NAME = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
  public static final int OBJECT_NAME_LENGTH = 253;
  /** A Kueue LocalQueue's name, which also becomes a label value (63 characters). */
  public static final String QUEUE_NAME = "^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$";
  public static final int LABEL_VALUE_LENGTH = 63;
  /** A ConfigMap key. */
  public static final String CONFIG_MAP_KEY = "^[-._a-zA-Z0-9]+$";
  /** A container image reference: no whitespace. */
  public static final String IMAGE = "^\\S+$";
  public static final int IMAGE_LENGTH = 1_024;
  /** URIs of models, tokenizers and datasets. */
  public static final int URI_LENGTH = 4_096;
  /** A chat template (Jinja text): 64 KiB. */
  public static final int CHAT_TEMPLATE_LENGTH = 65_536;
  /** Modules LoRA may target, each a name as PEFT's target_modules lists it. */
  public static final int TARGET_MODULES = 32;
  public static final String MODULE_NAME = LoraBlock.MODULE_NAME;
  public static final int MODULE_NAME_LENGTH = 64;
  /** JSON keys of dataset fields. */
  public static final int FIELD_NAME_LENGTH = 256;
  /** Tolerations of one pod. */
  public static final int TOLERATIONS = 64;
  /** Environment variables a spec may give its trainer pods, and Secrets it may expand into variables. */
  public static final int ENV_VARIABLES = 64;
  public static final int ENV_FROM = 16;
  /** An environment variable's name (or a prefix of names): a C identifier. */
  public static final String ENV_NAME = "^[A-Za-z_][A-Za-z0-9_]*$";
  public static final int ENV_NAME_LENGTH = 256;
  /** A plain environment variable's value: 32 KiB. */
  public static final int ENV_VALUE_LENGTH = 32_768;

  /** Words of a trainer runtime's entrypoint. */
  public static final int RUNTIME_COMMAND_WORDS = 16;
  /** The trainer commands of the contract, as on a trainer's command line (TrainerCommand.command()). */
  public static final int TRAINER_COMMANDS = 9;
  public static final String TRAINER_COMMANDS_TEXT =
      "validate-dataset, synthesize, reward, sft, dpo, ppo-actor, ppo-critic, best-of-n, eval";
  public static final String TRAINER_COMMANDS_RULE = "self.all(c, c in ['validate-dataset', 'synthesize', 'reward',"
      + " 'sft', 'dpo', 'ppo-actor', 'ppo-critic', 'best-of-n', 'eval'])";

  /** CEL: a positive CPU quantity of at most 1024 cores. */
  public static final String CPU_RULE =
      "isQuantity(string(self)) && quantity(string(self)).isGreaterThan(quantity('0'))"
          + " && quantity(string(self)).compareTo(quantity('1024')) <= 0";
  public static final String CPU_MESSAGE = "must be a CPU quantity above 0 and at most 1024, e.g. \"2\" or \"500m\"";
  /** CEL: a positive memory quantity of at most 64 TiB. */
  public static final String MEMORY_RULE =
      "isQuantity(string(self)) && quantity(string(self)).isGreaterThan(quantity('0'))"
          + " && quantity(string(self)).compareTo(quantity('64Ti')) <= 0";
  public static final String MEMORY_MESSAGE = "must be a memory quantity above 0 and at most 64Ti, e.g. \"4Gi\"";

  private Bounds() {}
}
