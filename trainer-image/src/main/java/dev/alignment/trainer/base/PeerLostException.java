package dev.alignment.trainer.base;

/** The other half of a split stage (PPO actor or critic) stopped answering: exit code 3, retried with the pair. */
public final class PeerLostException extends RuntimeException {
  public PeerLostException(String message) {
    super(message);
  }

  public PeerLostException(String message, Throwable cause) {
    super(message, cause);
  }
}
