package dev.alignment.operator.sweep;

/** A sweep whose matrix cannot make valid runs; the message names the field and says what to do. */
public final class InvalidSweepException extends RuntimeException {
  public InvalidSweepException(String message) {
    super(message);
  }
}
