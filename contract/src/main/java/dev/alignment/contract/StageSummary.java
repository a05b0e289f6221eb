package dev.alignment.contract;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Map;

/** What a trainer writes to its termination log on exit (under 4 KiB); every key is optional. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonClassDescription("The JSON object a trainer writes to its termination log on exit (under 4 KiB, the kubelet's limit).")
@OptionalKey
public record StageSummary(
    @JsonPropertyDescription("URI of what the stage produced: its model, or a validated dataset's directory.")
    String output,
    @JsonPropertyDescription("Final metrics by name. Status fields are read from trainPairs, validationPairs, skippedRows (validate-dataset), "
        + "accuracy, validationLoss (reward), goldReward, referenceGoldReward, winRate, kl, rankingAccuracy, "
        + "idealizedRankingAccuracy, alignmentGap (eval); other names are kept in the stage's status.")
    Map<String, Double> metrics,
    @JsonPropertyDescription("Content digest of the output, sha256:<hex>.")
    String digest,
    @JsonPropertyDescription("One line for the stage's status: what was done, or why it failed.")
    String message) {

  /** A summary that carries only a message (a trainer that died before writing JSON, or a Job's failure). */
  public static StageSummary ofMessage(String message) {
    return new StageSummary(null, null, null, message);
  }
}
