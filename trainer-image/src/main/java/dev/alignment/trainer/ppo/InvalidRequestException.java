package dev.alignment.trainer.ppo;

/** A call to the critic it will not act on: answered with a 4xx status, and the critic serves on unchanged. */
final class InvalidRequestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  InvalidRequestException(int status, String message) {
    super(message);
    this.status = status;
  }

  /** The HTTP status of the answer. */
  int status() {
    return status;
  }

  static InvalidRequestException badRequest(String message) {
    return new InvalidRequestException(CriticProtocol.BAD_INPUT, message);
  }
}
