package dev.alignment.trainer;

import dev.alignment.contract.CommandConfig;
import dev.alignment.contract.ContractException;
import dev.alignment.contract.ContractJson;
import dev.alignment.contract.TrainerCommand;
import java.nio.file.Path;

/**
 * Reads a config file's text as its command's contract record, before any work: an unknown or missing key, a wrong
 * type or an unknown {@code contractVersion} is bad input (exit 2) naming the file and the key.
 */
public final class ContractReader {
  private ContractReader() {}

  public static CommandConfig read(TrainerCommand command, Path file, String json) {
    try {
      return ContractJson.read(json, command.config());
    } catch (ContractException e) {
      throw new BadInputException(file + ": " + e.getMessage(), e);
    }
  }
}
