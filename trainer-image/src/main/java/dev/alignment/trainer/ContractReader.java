package dev.alignment.trainer;

import dev.alignment.contract.CommandConfig;
import dev.alignment.contract.ContractChecks;
import dev.alignment.contract.ContractException;
import dev.alignment.contract.ContractJson;
import dev.alignment.contract.TrainerCommand;
import dev.alignment.trainer.base.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a config file as its command's contract record, before any work: an unreadable file, an unknown or missing
 * key, a wrong type, an unknown {@code contractVersion} or a value out of range is bad input (exit 2) naming the file
 * and the key.
 */
public final class ContractReader {
  private ContractReader() {}

  public static CommandConfig read(TrainerCommand command, Path file) {
    return read(command, file, text(file));
  }

  public static CommandConfig read(TrainerCommand command, Path file, String json) {
    try {
      CommandConfig config = ContractJson.read(json, command.config());
      ContractChecks.check(config);
      return config;
    } catch (ContractException e) {
      throw new BadInputException(file + ": " + e.getMessage(), e);
    }
  }

  private static String text(Path file) {
    try {
      return Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new BadInputException(file + ": config file not found");
    } catch (IOException e) {
      throw new BadInputException(file + ": cannot read config: " + e.getMessage(), e);
    }
  }
}
