package dev.alignment.contract;

/** The version of the trainer contract that every config states in {@code contractVersion}. */
public final class ContractVersion {
  /** The version this module writes and the only one it reads. */
  public static final int CURRENT = 1;

  private ContractVersion() {}
}
