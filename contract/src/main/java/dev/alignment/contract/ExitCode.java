package dev.alignment.contract;

/** A trainer's exit status and what the operator does with it. */
public enum ExitCode {
  OK(0, "done: the stage succeeded and the next one starts"),
  RETRYABLE(1, "retryable failure (crash, a read failing mid-file): next attempt after a backoff"),
  BAD_INPUT(2, "bad input (the message names the file, key or line): the stage fails at once, no retry"),
  PEER_LOST(3, "the PPO peer (actor or critic) was lost: retryable");

  private final int code;
  private final String meaning;

  ExitCode(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  public int code() {
    return code;
  }

  public String meaning() {
    return meaning;
  }
}
