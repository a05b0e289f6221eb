package dev.alignment.contract;

/** Descriptions of the keys several configs share; they become the JSON Schemas' docs. */
final class Docs {
  static final String CONTRACT_VERSION = "Version of the trainer contract this config follows; a trainer refuses (exit 2) "
      + "a version it does not know. Current: " + ContractVersion.CURRENT + ".";
  static final String STAGE = "The stage's name (Job name part), e.g. sft, dpo, ppo, eval, validate.";
  static final String NAMESPACE = "Namespace of the owning resource.";
  static final String OWNER = "Name of the owning resource.";
  static final String OWNER_KIND = "Kind of the owning resource: AlignmentRun, PreferenceDataset or RewardModel.";
  static final String OUTPUT_DIR = "Directory the stage writes everything under, /workspace/<namespace>/<owner>/<stage>; "
      + "the final model goes to <outputDir>/model.";
  static final String CHECKPOINT_EVERY = "Steps between checkpoints under <outputDir>/checkpoints/ (> 0). Default "
      + Defaults.CHECKPOINT_EVERY + ".";
  static final String METRICS_PORT = "Port for Prometheus metrics at /metrics; 0 picks a free port, negative serves none. "
      + "Default " + Defaults.METRICS_PORT + ".";
  static final String S3_ENDPOINT = "The S3-compatible server that s3:// URIs are read from and exported to, addressed "
      + "path-style (http(s)://host:port, the operator's s3Endpoint). Absent: AWS S3 in AWS_REGION (default "
      + Defaults.S3_REGION + "). Credentials come from the standard AWS_* environment variables.";
  static final String EXPORT_URI = "s3://bucket/prefix the stage's final model (<outputDir>/model) is uploaded to after it "
      + "is saved, replacing the objects under that prefix; only for the stages that train a model (sft, reward, dpo, "
      + "ppo-actor; a Split critic, which reads its actor's config, exports nothing). Absent: the model stays on the workspace only.";
  static final String MODEL = "The model to train.";
  static final String POLICY = "The policy: the model trained, or sampled.";
  static final String REFERENCE = "The frozen reference policy (the SFT output, or the start model without SFT).";
  static final String DATASET = "URI of a validated dataset: a directory with train.jsonl and validation.jsonl.";
  static final String PROMPTS = "URI of the prompts (JSONL rows with a prompt), e.g. " + Defaults.PROMPTS + ".";
  static final String REWARD_MODEL = "URI of the trained reward model's checkpoint.";
  static final String TRAINING = "Optimisation settings.";
  static final String SEED = "Seed of the stage's random generator. Default " + Defaults.SEED + ".";
  static final String BETA = "KL strength beta of the preference objective (> 0). Default " + Defaults.BETA + ".";
  static final String ANNOTATOR = "The simulated annotator that labels or judges pairs.";
  static final String PPO = "PPO settings; the actor and the critic read the same block.";
  static final String CRITIC = "Where the Split topology's actor and critic meet.";

  private Docs() {}
}
