package dev.alignment.contract;

/** A config that does not satisfy the contract; the message names the key path and the problem. */
public final class ContractException extends RuntimeException {
  public ContractException(String message, Throwable cause) {
    super(message, cause);
  }

  public ContractException(String message) {
    super(message);
  }
}
