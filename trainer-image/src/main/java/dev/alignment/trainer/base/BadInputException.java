package dev.alignment.trainer.base;

/** Input the trainer cannot use (config, dataset, model files): exit code 2, no retry; the message names the place. */
public final class BadInputException extends RuntimeException {
  public BadInputException(String message) {
    super(message);
  }

  public BadInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
