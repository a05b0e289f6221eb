package dev.alignment.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Where a sweep's full leaderboard is: a ConfigMap key (or several) holding every cell's entry. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LeaderboardTable {
  @JsonPropertyDescription("The ConfigMap, <sweep>-leaderboard, owned by the sweep.")
  public String configMap;

  @JsonPropertyDescription(
      "Its binaryData key: gzipped JSON lines, one leaderboard entry per cell in ranking order "
      + "(kubectl get cm NAME -o jsonpath='{.binaryData.leaderboard\\.jsonl\\.gz}' | base64 -d | gunzip).")
  public String key;

  @JsonPropertyDescription("Entries in it: every cell of the matrix.")
  public Integer rows;

  @JsonPropertyDescription(
      "How many ConfigMaps hold it: 1, or for a table over 1,000,000 gzipped bytes, configMap, configMap-1, ... "
      + "whose bytes joined in order are one gzip stream.")
  public Integer parts;

  @JsonPropertyDescription("Why the table could not be written, when it could not; unset otherwise.")
  public String error;
}
