package dev.alignment.contract;

/** The {@link StageSummary#metrics()} keys the operator reads into status fields of the same names. */
public final class SummaryMetrics {
  /** validate-dataset: rows in the training split. */
  public static final String TRAIN_PAIRS = "trainPairs";
  /** validate-dataset: rows in the validation split. */
  public static final String VALIDATION_PAIRS = "validationPairs";
  /** validate-dataset: rows dropped as invalid. */
  public static final String SKIPPED_ROWS = "skippedRows";
  /** reward: validation accuracy. */
  public static final String ACCURACY = "accuracy";
  /** Training rows longer than the model's maxLength, truncated (spec.model.overlong: truncate). */
  public static final String OVERLONG_ROWS = "overlongRows";
  /** reward: validation loss. */
  public static final String VALIDATION_LOSS = "validationLoss";
  /** eval: mean gold reward of the policy's samples on held-out prompts. */
  public static final String GOLD_REWARD = "goldReward";
  /** eval: the reference's mean gold reward. */
  public static final String REFERENCE_GOLD_REWARD = "referenceGoldReward";
  /** eval: share of prompts where the policy's sample beats the reference's (ties count half). */
  public static final String WIN_RATE = "winRate";
  /** eval: KL(policy || reference), estimated from the policy's samples. */
  public static final String KL = "kl";
  /** eval: share of validation pairs with pi(chosen) > pi(rejected). */
  public static final String RANKING_ACCURACY = "rankingAccuracy";
  /** eval: ranking accuracy of the exact optimum of the DPO/RLHF objective. */
  public static final String IDEALIZED_RANKING_ACCURACY = "idealizedRankingAccuracy";
  /** eval: idealizedRankingAccuracy - rankingAccuracy. */
  public static final String ALIGNMENT_GAP = "alignmentGap";

  private SummaryMetrics() {}
}
